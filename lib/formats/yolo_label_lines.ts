import { MasksError } from "../errors.ts";
import { annotationLabelIds } from "./annotation_label_ids.ts";
import type { Geometry } from "./format_source.ts";
import { pythonFloat, pythonNumber } from "./python_number.ts";

/** What {@linkcode yoloLabelLines} needs besides the annotations. */
export interface YoloLabelOptions {
  /** The class names, from `yoloNames`: a label's class is its first position. */
  names: readonly string[];
  /** How the project or input draws: segmentation vertices are in pixels, the others normalized. */
  geometry: Geometry;
  /** The task's image size, `data.body.image`; segmentation needs it to normalize. */
  image?: { width?: unknown; height?: unknown };
}

/**
 * A task's YOLO label file, as the SDK's `LabToYoloFormatter` writes it
 * (the export formats spec, "labels/<task name>.txt"): one line per polygon of each annotation,
 * `<class> <x> <y> ...` (a rectangle `<class> <cx> <cy> <w> <h>`), numbers printed as Python
 * prints them, each line ending in `\n`. An annotation without a label has class `-1`, as in the
 * SDK.
 *
 * @param annotations The task's `annotations` (`undefined`: none, an empty file).
 * @param options The class names, the geometry and the image size.
 * @returns The file's text.
 * @throws {MasksError} when a label id is not a class (the SDK crashes), or a segmentation task
 * with polygons has no image size (the SDK writes pixels as if normalized).
 *
 * @example A labelled box in a rectangle project
 * ```ts
 * import { yoloLabelLines } from "@lab/masks/formats";
 *
 * const text = yoloLabelLines([{
 *   labels: { Objects: { labels: [{ id: "person" }] } },
 *   polygons: [{ geometry: { type: "rectangle", vertices: [0.75, 0.6, 0.25, 0.1] } }],
 * }], { names: ["car", "road", "person"], geometry: "rectangle" });
 * console.log(JSON.stringify(text)); // "2 0.5 0.35 0.5 0.5\n"
 * ```
 */
export function yoloLabelLines(annotations: unknown, options: YoloLabelOptions): string {
  const { names, geometry } = options;
  let text = "";
  for (const annotation of Array.isArray(annotations) ? annotations : []) {
    const record = isRecord(annotation) ? annotation : {};
    const labelId = annotationLabelIds(record.labels)[0];
    const classIndex = labelId === undefined ? -1 : names.indexOf(labelId);
    if (classIndex < 0 && labelId !== undefined) {
      throw new MasksError(
        `its annotation ${describe(record)} has the label "${labelId}", which no main list of ` +
          "the configuration shows, so it has no YOLO class",
      );
    }
    const holder = geometry === "segmentation" ? record.approximation : record;
    const polygons = isRecord(holder) && Array.isArray(holder.polygons) ? holder.polygons : [];
    for (const polygon of polygons) {
      const shape = isRecord(polygon) && isRecord(polygon.geometry) ? polygon.geometry : {};
      const vertices = numbers(shape.vertices, record);
      const isRectangle = shape.type === undefined
        ? geometry === "rectangle"
        : shape.type === "rectangle";
      let values: string[];
      if (geometry === "segmentation") values = normalized(vertices, options.image);
      else if (isRectangle) values = box(vertices, record);
      else values = vertices.map(pythonNumber);
      text += `${[String(classIndex), ...values].join(" ")}\n`;
    }
  }
  return text;
}

/** Pixel vertices divided by the image's width and height: always floats, as in Python 3. */
function normalized(vertices: number[], image: YoloLabelOptions["image"]): string[] {
  const { width, height } = image ?? {};
  if (typeof width !== "number" || typeof height !== "number" || width <= 0 || height <= 0) {
    throw new MasksError(
      "its image size is missing (data.body.image with width and height), so its pixel " +
        "polygons cannot be normalized (the SDK would write pixels as fractions)",
    );
  }
  return vertices.map((value, i) => pythonFloat(value / (i % 2 === 0 ? width : height)));
}

/**
 * `cx cy w h` of two corners, computed in the SDK's order (`minx + w / 2`, not the mean, or the
 * last digit differs); `w` and `h` stay integers when both corners are.
 */
function box(vertices: number[], annotation: Record<string, unknown>): string[] {
  if (vertices.length !== 4) {
    throw new MasksError(
      `its rectangle ${describe(annotation)} has ${vertices.length} numbers in its vertices; a ` +
        "rectangle has 4: two corners",
    );
  }
  const [x1, y1, x2, y2] = vertices;
  const axis = (a: number, b: number) => {
    const low = Math.min(a, b);
    const size = Math.max(a, b) - low;
    const whole = Number.isSafeInteger(a) && Number.isSafeInteger(b);
    return { centre: pythonFloat(low + size / 2), size: whole ? String(size) : pythonFloat(size) };
  };
  const x = axis(x1, x2);
  const y = axis(y1, y2);
  return [x.centre, y.centre, x.size, y.size];
}

function numbers(vertices: unknown, annotation: Record<string, unknown>): number[] {
  if (vertices === undefined) return [];
  if (!Array.isArray(vertices) || vertices.some((value) => !Number.isFinite(value))) {
    throw new MasksError(
      `its annotation ${describe(annotation)} has vertices that are not a list of numbers`,
    );
  }
  return vertices as number[];
}

function describe(annotation: Record<string, unknown>): string {
  return annotation.id === undefined ? "(no id)" : JSON.stringify(annotation.id);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
