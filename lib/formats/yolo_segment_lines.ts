import { MasksError } from "../errors.ts";
import type { RgbImage } from "../png/rgb_image.ts";
import type { CocoClasses } from "./coco_categories.ts";
import { maskInstances } from "./mask_instances.ts";
import { pythonFloat } from "./python_number.ts";
import { traceInstancePolygons } from "./trace_polygons.ts";

/** What {@linkcode yoloSegmentLines} needs besides the mask. */
export interface YoloSegmentOptions {
  /** The class names, from `yoloNames`: a label's class is its first position. */
  names: readonly string[];
  /** The project's classes, from `cocoCategories`: which label each blue value is. */
  classes: Pick<CocoClasses, "categories" | "classOfBChannel">;
  /** Douglas–Peucker tolerance in pixels (0: the pixels exactly). @default {0} */
  tolerance?: number;
}

/**
 * An Ultralytics segmentation label file from a mask: one line per region of each instance
 * (each (R, B) pair with R >= 1 and B a label's bChannel, ordered by R then class), as
 * `<class> <x1> <y1> <x2> <y2> ...`, the polygon traced on the pixel edges
 * ({@linkcode traceInstancePolygons}: a hole is joined to its outline by a cut) and normalized by
 * the mask's width and height, numbers printed as Python prints floats, each line ending in `\n`.
 * The class is the label's first position in the names, as `yolo`'s `data.yaml` lists them.
 *
 * @param image The decoded mask.
 * @param options The class names, the classes and the tolerance.
 * @returns The file's text.
 * @throws {MasksError} when an instance's label is in no main list, so has no YOLO class.
 *
 * @example One car pixel of a 2×1 mask
 * ```ts
 * import { cocoCategories, yoloSegmentLines } from "@lab/masks/formats";
 *
 * const metadata = {
 *   labelOptions: {
 *     mainLists: [{ name: "Objects", keys: ["objects"] }],
 *     availableLabels: { objects: [{ id: "car", bChannel: 7 }] },
 *   },
 * };
 * const classes = cocoCategories(metadata, false);
 * const image = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 1, 1, 7]) };
 * console.log(yoloSegmentLines(image, { names: ["car"], classes })); // "0 1.0 0.0 1.0 1.0 0.5 1.0 0.5 0.0\n"
 * ```
 */
export function yoloSegmentLines(image: RgbImage, options: YoloSegmentOptions): string {
  const { width, height } = image;
  const { names, classes } = options;
  const labelOf = new Map(classes.categories.map((category) => [category.id, category.name]));
  let text = "";
  for (const instance of maskInstances(image, classes.classOfBChannel)) {
    const label = labelOf.get(instance.classIndex)!;
    const yoloClass = names.indexOf(label);
    if (yoloClass < 0) {
      throw new MasksError(
        `its mask has instances of the label "${label}", which no main list of the ` +
          "configuration shows, so it has no class in data.yaml",
      );
    }
    const polygons = traceInstancePolygons(instance, height, { tolerance: options.tolerance });
    for (const polygon of polygons) {
      const vertices = polygon.map((value, i) => pythonFloat(value / (i % 2 ? height : width)));
      text += `${yoloClass} ${vertices.join(" ")}\n`;
    }
  }
  return text;
}
