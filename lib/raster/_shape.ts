/** One annotation to paint: its rings, holes, instance id and label. */
export interface Shape {
  /** `polygon`: each ring is `[x0, y0, x1, y1, ...]`; `rectangle`: `[left, top, right, bottom]`. */
  kind: "polygon" | "rectangle";
  /** The outlines, as normalized flat vertex lists (0..1 of the image's width and height). */
  rings: readonly (readonly number[])[];
  /** The holes cut out of the rings, in the same form as the rings. Default none. */
  holes?: readonly (readonly number[])[];
  /** The instance id, from 1: written in R, and `instanceId % 255` in G. */
  instanceId: number;
  /** The label's bChannel (0..255), written in B. */
  bChannel: number;
}

// The R channel holds the instance id (the lab API spec, "Tasks", pixel convention).
export const MAX_INSTANCES = 255;
// How far outside 0..1 a coordinate may be (annotators drag past the border); the part of a
// shape outside the image is cut off. Further out, the data is not normalized (pixels?).
export const SLACK = 0.1;

/** What is wrong with a vertex list of this kind, as a clause, or `undefined`. */
export function verticesProblem(vertices: unknown, kind: Shape["kind"]): string | undefined {
  if (!Array.isArray(vertices)) return 'has no "geometry.vertices" list';
  const bad = vertices.findIndex((value) => typeof value !== "number" || !Number.isFinite(value));
  if (bad >= 0) {
    const value = vertices[bad];
    const shown = typeof value === "number" ? value : String(JSON.stringify(value)).slice(0, 40);
    return `has ${shown} at position ${bad + 1} of its vertices, which must be numbers`;
  }
  const count = vertices.length;
  if (kind === "rectangle" && count !== 4) {
    return `has ${count} numbers in its vertices; a rectangle has 4: left, top, right, bottom`;
  }
  if (kind === "polygon" && (count % 2 !== 0 || count < 6)) {
    return `has ${count} numbers in its vertices; a polygon needs x, y pairs for 3 points or more`;
  }
  const far = vertices.findIndex((value) => value < -SLACK || value > 1 + SLACK);
  if (far < 0) return undefined;
  return `has ${vertices[far]} at position ${far + 1} of its vertices, outside 0..1; vector ` +
    "coordinates are fractions of the image's width and height";
}

/** A ring's vertices in pixels, as a flat `[x0, y0, x1, y1, ...]` closed outline. */
