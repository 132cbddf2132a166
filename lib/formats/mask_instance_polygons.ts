import { pngInstanceRuns } from "./_png_mask_instances.ts";
import { checkedTolerance, polygonsOf } from "./_instance_polygons.ts";
import { traceRings } from "./_trace_rings.ts";

/** What {@linkcode maskInstancePolygons} reads: plain data, so it can run on a worker. */
export interface MaskPolygonsJob {
  /** The mask's PNG bytes. */
  bytes: Uint8Array;
  /** Refuse masks with more pixels than this. Default: 100 million. */
  maxPixels?: number;
  /** The class (1..) of each blue value 0..255, 0 for none. */
  classOfBChannel: ArrayLike<number>;
  /** Douglas–Peucker tolerance in pixels (0: the pixels exactly). */
  tolerance: number;
}

/** One instance of a mask, traced. */
export interface InstancePolygons {
  /** The instance id, the pixels' red value. */
  instanceId: number;
  /** The class of the pixels' blue value. */
  classIndex: number;
  /** How many pixels it has. */
  area: number;
  /** `[x, y, w, h]`: the tight box of its pixels. */
  bbox: [number, number, number, number];
  /** Its polygons, each flat `x0, y0, x1, y1...` in image pixels (see `tracePolygons`). */
  polygons: number[][];
}

/** The traced instances of one mask, and its size. */
export interface MaskPolygons {
  /** The mask's width in pixels. */
  width: number;
  /** The mask's height in pixels. */
  height: number;
  /** Its instances, ordered by instance id, then class. */
  instances: InstancePolygons[];
}

/** One instance of a mask traced, its polygons as COCO's `segmentation` JSON text. */
export interface CocoPolygonInstance extends Omit<InstancePolygons, "polygons"> {
  /** `JSON.stringify` of its polygons. */
  segmentation: string;
}

/** The instances of one mask as COCO's polygon annotations hold them, and its size. */
export interface CocoPolygonInstances {
  /** The mask's width in pixels. */
  width: number;
  /** The mask's height in pixels. */
  height: number;
  /** Its instances, ordered by instance id, then class. */
  instances: CocoPolygonInstance[];
}

/** Where masks are traced ahead of their turn (the export's workers). */
export interface CocoPolygonsReader {
  /** How many masks it traces at once. */
  readonly size: number;
  /** Traces one mask's instances, as {@linkcode cocoPolygonInstances} does. */
  cocoPolygons(job: MaskPolygonsJob): Promise<CocoPolygonInstances>;
}

/**
 * A mask's instances (each (R, B) pair with R >= 1 and B a class's, ordered by R then class) as
 * polygons traced on the pixel edges ({@linkcode traceInstancePolygons}), read from the PNG's
 * rows as they are inflated, the way `cocoMaskInstances` reads them for RLE: the polygons of
 * COCO's `--coco-segmentation polygon` and of `yolo-seg`.
 *
 * @param job The mask's bytes, its classes, the pixel limit and the tolerance.
 * @returns The mask's size and traced instances.
 * @throws {PngError} when the mask cannot be decoded or is above the pixel limit.
 *
 * @example
 * ```ts
 * import { encodePng } from "@lab/masks/png";
 * import { maskInstancePolygons } from "@lab/masks/formats";
 *
 * const bytes = await encodePng({ width: 2, height: 1, data: new Uint8Array([0, 0, 0, 4, 4, 7]) });
 * const classOfBChannel = new Uint8Array(256);
 * classOfBChannel[7] = 1;
 * const { instances } = maskInstancePolygons({ bytes, classOfBChannel, tolerance: 0 });
 * console.log(instances[0].polygons); // [[2, 0, 2, 1, 1, 1, 1, 0]]
 * ```
 */
export function maskInstancePolygons(job: MaskPolygonsJob): MaskPolygons {
  const tolerance = checkedTolerance({ tolerance: job.tolerance });
  const { width, height, instances } = pngInstanceRuns(job);
  return {
    width,
    height,
    instances: instances.map(({ instanceId, classIndex, area, bbox, runs }) => {
      const box = { left: bbox[0], top: bbox[1], width: bbox[2], height: bbox[3] };
      return {
        instanceId,
        classIndex,
        area,
        bbox,
        polygons: polygonsOf(traceRings(runs), box, tolerance),
      };
    }),
  };
}

/**
 * {@linkcode maskInstancePolygons} with each instance's polygons as the JSON text a COCO file
 * holds: one string a worker hands back, rather than arrays of numbers to copy and write again.
 *
 * @param job The mask's bytes, its classes, the pixel limit and the tolerance.
 * @returns The mask's size and its instances, each with its `segmentation` text.
 * @throws {PngError} when the mask cannot be decoded or is above the pixel limit.
 *
 * @example
 * ```ts
 * import { encodePng } from "@lab/masks/png";
 * import { cocoPolygonInstances } from "@lab/masks/formats";
 *
 * const bytes = await encodePng({ width: 2, height: 1, data: new Uint8Array([0, 0, 0, 4, 4, 7]) });
 * const classOfBChannel = new Uint8Array(256);
 * classOfBChannel[7] = 1;
 * const { instances } = cocoPolygonInstances({ bytes, classOfBChannel, tolerance: 0 });
 * console.log(instances[0].segmentation); // "[[2,0,2,1,1,1,1,0]]"
 * ```
 */
export function cocoPolygonInstances(job: MaskPolygonsJob): CocoPolygonInstances {
  const { width, height, instances } = maskInstancePolygons(job);
  return {
    width,
    height,
    instances: instances.map(({ polygons, ...instance }) => ({
      ...instance,
      segmentation: JSON.stringify(polygons),
    })),
  };
}
