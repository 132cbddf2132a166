import { rasterizeShapes } from "../raster/rasterize_shapes.ts";
import { shapesOfAnnotations } from "../raster/shapes_of_annotations.ts";
import { annotationLabelIds } from "./annotation_label_ids.ts";
import { cocoRleString } from "./coco_rle.ts";
import { maskInstances } from "./mask_instances.ts";

/** The body of a COCO annotation, without its ids. */
export interface CocoShape {
  /** The class index of its first classed label. */
  category_id: number;
  /** Polygons in pixels, or compressed RLE when the shape has holes. */
  segmentation: number[][] | { size: [number, number]; counts: string };
  /** Area in pixels: shoelace for polygons, the pixel count for RLE. */
  area: number;
  /** `[x, y, w, h]` in pixels. */
  bbox: [number, number, number, number];
}

/** What {@linkcode cocoVectorAnnotation} needs besides the annotation. */
export interface CocoVectorOptions {
  /** `polygon` or `rectangle` vertices. */
  kind: "polygon" | "rectangle";
  /** The image's size in pixels. */
  size: { width: number; height: number };
  /** The class index of each label id that has one. */
  classOfLabel: ReadonlyMap<string, number>;
}

// The ring and the holes are painted with this instance and bChannel, then read back as class 1.
const PAINT = { instanceId: 1, bChannel: 1 };
const CLASS_OF_PAINT = Uint8Array.from({ length: 256 }, (_, b) => (b === PAINT.bChannel ? 1 : 0));

/**
 * A polygon or rectangle annotation as a COCO annotation (the export formats spec, "Polygon and
 * rectangle projects"): its polygons scaled to pixels (a rectangle as its 4 corners), the shoelace
 * area and the box of its vertices. With holes it cannot be a COCO polygon: it becomes the RLE of
 * its rasterized pixels, with their area and box.
 *
 * @param annotation One entry of a task's `annotations`.
 * @param options The geometry, the image size and the classes.
 * @returns The annotation's body, or `undefined` when none of its labels has a class.
 * @throws {MasksError} when its vertices are not a valid polygon or rectangle.
 *
 * @example A rectangle over a 200×100 image
 * ```ts
 * import { cocoVectorAnnotation } from "@lab/masks/formats";
 *
 * const shape = cocoVectorAnnotation({
 *   labels: { Objects: { labels: [{ id: "car" }] } },
 *   polygons: [{ geometry: { vertices: [0.5, 0.5, 0, 0] } }],
 * }, { kind: "rectangle", size: { width: 200, height: 100 }, classOfLabel: new Map([["car", 1]]) });
 * console.log(shape?.segmentation, shape?.area, shape?.bbox); // [[0, 0, 100, 0, 100, 50, 0, 50]] 5000 [0, 0, 100, 50]
 * ```
 */
export function cocoVectorAnnotation(
  annotation: unknown,
  options: CocoVectorOptions,
): CocoShape | undefined {
  const record = (annotation ?? {}) as { labels?: unknown };
  const category = annotationLabelIds(record.labels)
    .map((id) => options.classOfLabel.get(id))
    .find((index) => index !== undefined);
  if (category === undefined) return undefined;
  const [shape] = shapesOfAnnotations([annotation], { kind: options.kind, bChannelOf: () => 1 });
  const { width, height } = options.size;
  if (shape.holes?.length) {
    const image = rasterizeShapes([{ ...shape, ...PAINT }], options.size);
    const [pixels] = maskInstances(image, CLASS_OF_PAINT);
    return {
      category_id: category,
      segmentation: {
        size: [height, width],
        counts: cocoRleString(pixels?.counts ?? [width * height]),
      },
      area: pixels?.area ?? 0,
      bbox: pixels?.bbox ?? [0, 0, 0, 0],
    };
  }
  const polygons = shape.rings.map((ring) => {
    const corners = options.kind === "rectangle" ? rectangleCorners(ring) : ring;
    return corners.map((value, i) => value * (i % 2 === 0 ? width : height));
  });
  // Loops, not Math.min(...xs): a polygon of many thousand vertices would overflow the stack.
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (let i = 0; i < polygon.length; i += 2) {
      minX = Math.min(minX, polygon[i]);
      maxX = Math.max(maxX, polygon[i]);
      minY = Math.min(minY, polygon[i + 1]);
      maxY = Math.max(maxY, polygon[i + 1]);
    }
  }
  return {
    category_id: category,
    segmentation: polygons,
    area: polygons.reduce((sum, polygon) => sum + shoelace(polygon), 0),
    bbox: [minX, minY, maxX - minX, maxY - minY],
  };
}

function rectangleCorners([x1, y1, x2, y2]: readonly number[]): number[] {
  const [left, right] = [Math.min(x1, x2), Math.max(x1, x2)];
  const [top, bottom] = [Math.min(y1, y2), Math.max(y1, y2)];
  return [left, top, right, top, right, bottom, left, bottom];
}

function shoelace(flat: readonly number[]): number {
  let twice = 0;
  for (let i = 0; i < flat.length; i += 2) {
    const j = (i + 2) % flat.length;
    twice += flat[i] * flat[j + 1] - flat[j] * flat[i + 1];
  }
  return Math.abs(twice) / 2;
}
