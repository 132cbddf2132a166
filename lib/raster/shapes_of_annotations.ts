import { MasksError } from "../errors.ts";
import { type Shape, verticesProblem } from "./_shape.ts";

/** Options of {@linkcode shapesOfAnnotations}. */
export interface ShapesOfAnnotationsOptions {
  /** How the project draws: `polygon` or `rectangle` vertices. */
  kind: "polygon" | "rectangle";
  /** The bChannel of an annotation's label ids (in order), or `undefined` when none has one. */
  bChannelOf: (labelIds: string[]) => number | undefined;
  /**
   * Called with the name of each annotation that has no label (`"a7"`, or `number 3` without an
   * id), which is then left out, as the COCO export leaves it out. Without it, such an
   * annotation is an error.
   *
   * @default {undefined}
   */
  onUnlabeled?: (name: string) => void;
}

/**
 * Reads the shapes of a vector task's annotations (`data.body.annotations`, see
 * the lab API spec, "Vector projects"), ready for {@linkcode rasterizeShapes}. Instance ids
 * are 1.. in annotation order; the label ids come from `labels.<main list>.labels[].id`; the
 * outlines from `polygons[].geometry.vertices`; holes from `minus[].geometry.vertices` at the
 * annotation and `polygons[].minus[].geometry.vertices` (all cut the whole annotation).
 * Coordinates may stray up to 0.1 outside 0..1; what lies outside the image is cut off.
 *
 * @param annotations The task's `annotations` value (`undefined` or `null`: no shapes).
 * @param options The project's shape kind and how to find a label's bChannel.
 * @returns One shape per annotation (but those without a label, with `onUnlabeled`).
 * @throws {MasksError} naming the annotation when it has no label (without `onUnlabeled`), its label has no bChannel,
 * it has no polygon, or vertices are not numbers, are too few or too many, or are far outside
 * 0..1.
 *
 * @example
 * ```ts
 * import { rasterizeShapes, shapesOfAnnotations } from "@lab/masks/raster";
 *
 * const annotations = [{
 *   id: "ann_4",
 *   labels: { Objects: { labels: [{ id: "car", name: "Car" }] } },
 *   polygons: [{ geometry: { vertices: [0, 0, 1, 0, 1, 1, 0, 1] } }],
 * }];
 * const bChannelByLabel = new Map([["car", 3]]);
 * const shapes = shapesOfAnnotations(annotations, {
 *   kind: "polygon",
 *   bChannelOf: (labelIds) => bChannelByLabel.get(labelIds[0]),
 * });
 * console.log([...rasterizeShapes(shapes, { width: 1, height: 1 }).data]); // [1, 1, 3]
 * ```
 */
export function shapesOfAnnotations(
  annotations: unknown,
  options: ShapesOfAnnotationsOptions,
): Shape[] {
  if (annotations === undefined || annotations === null) return [];
  if (!Array.isArray(annotations)) {
    const kind = typeof annotations === "object" ? "an object" : typeof annotations;
    throw new MasksError(`the annotations are ${kind}, not a list`);
  }
  const shapes: Shape[] = [];
  annotations.forEach((annotation, index) => {
    const shape = shapeOf(annotation, index, options);
    if (shape !== undefined) shapes.push(shape);
  });
  return shapes;
}

/** The shape of one annotation, or a MasksError naming it; `undefined` when it is left out. */
function shapeOf(
  annotation: unknown,
  index: number,
  options: ShapesOfAnnotationsOptions,
): Shape | undefined {
  const record = isRecord(annotation) ? annotation : {};
  const id = record.id;
  const name = typeof id === "string" || typeof id === "number"
    ? JSON.stringify(String(id))
    : `number ${index + 1}`;
  const fail = (problem: string) => new MasksError(`annotation ${name} ${problem}`);
  if (!isRecord(annotation)) throw fail("is not an object");

  const labelIds = labelIdsOf(record.labels);
  if (labelIds.length === 0) {
    if (options.onUnlabeled === undefined) {
      throw fail('has no label in "labels.<list>.labels[].id"');
    }
    options.onUnlabeled(name);
    return undefined;
  }
  const bChannel = options.bChannelOf(labelIds);
  if (bChannel === undefined) {
    const labels = labelIds.map((labelId) => JSON.stringify(labelId)).join(", ");
    throw fail(
      `has label ${labels}, which has no bChannel in the configuration; give the label a ` +
        "bChannel or choose a configuration that has it",
    );
  }
  if (!Number.isInteger(bChannel) || bChannel < 1 || bChannel > 255) {
    throw fail(`has a label whose bChannel is ${bChannel}; a bChannel is 1 to 255`);
  }

  const polygons = Array.isArray(record.polygons) ? record.polygons : [];
  if (polygons.length === 0) throw fail('has no shape in "polygons"');
  const verticesOf = (item: unknown, what: string): number[] => {
    const vertices = isRecord(item) && isRecord(item.geometry) ? item.geometry.vertices : undefined;
    const problem = verticesProblem(vertices, options.kind);
    if (problem) throw fail(`has ${what} that ${problem}`);
    return vertices as number[];
  };
  const rings = polygons.map((polygon, i) => verticesOf(polygon, `polygon ${i + 1}`));
  const holes = listOf(record.minus).map((hole, i) => verticesOf(hole, `hole ${i + 1}`));
  polygons.forEach((polygon, i) => {
    const minus = isRecord(polygon) ? listOf(polygon.minus) : [];
    minus.forEach((hole, j) => holes.push(verticesOf(hole, `hole ${j + 1} of polygon ${i + 1}`)));
  });
  return { kind: options.kind, rings, holes, instanceId: index + 1, bChannel };
}

function labelIdsOf(labels: unknown): string[] {
  const ids = new Set<string>();
  if (!isRecord(labels)) return [];
  for (const list of Object.values(labels)) {
    for (const label of isRecord(list) ? listOf(list.labels) : []) {
      if (isRecord(label) && typeof label.id === "string") ids.add(label.id);
    }
  }
  return [...ids];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
