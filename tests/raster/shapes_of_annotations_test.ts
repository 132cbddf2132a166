import assert from "../_std/assert.ts";
import { MasksError } from "../../lib/errors.ts";
import { rasterizeShapes } from "../../lib/raster/rasterize_shapes.ts";
import { shapesOfAnnotations } from "../../lib/raster/shapes_of_annotations.ts";
import { colours, picture } from "./_pictures.ts";

/** An annotation as the lab stores it, labelled `car` unless told. */
function annotation(id: string, polygons: unknown[], extra: Record<string, unknown> = {}) {
  return { id, labels: { Objects: { labels: [{ id: "car", name: "Car" }] } }, polygons, ...extra };
}

const bChannelByLabel = new Map([["car", 1], ["person", 2]]);
const polygonOptions = {
  kind: "polygon" as const,
  bChannelOf: (labelIds: string[]) => bChannelByLabel.get(labelIds[0]),
};

Deno.test("shapesOfAnnotations() reads labels, polygons and both places of holes", () => {
  const ring = (vertices: number[]) => ({ geometry: { vertices }, timestamp: 1 });
  const shapes = shapesOfAnnotations([
    annotation("a1", [ring([0, 0, 1, 0, 0, 1])]),
    {
      id: "a2",
      labels: { Other: { labels: [{ id: "person" }] }, Objects: { labels: [{ id: "car" }] } },
      polygons: [{ ...ring([0, 0, 1, 0, 1, 1]), minus: [ring([0.5, 0.1, 0.9, 0.1, 0.9, 0.5])] }],
      minus: [ring([0.6, 0.2, 0.8, 0.2, 0.8, 0.4])],
    },
  ], polygonOptions);
  assert.deepEqual(shapes, [
    { kind: "polygon", rings: [[0, 0, 1, 0, 0, 1]], holes: [], instanceId: 1, bChannel: 1 },
    {
      kind: "polygon",
      rings: [[0, 0, 1, 0, 1, 1]],
      holes: [[0.6, 0.2, 0.8, 0.2, 0.8, 0.4], [0.5, 0.1, 0.9, 0.1, 0.9, 0.5]],
      instanceId: 2,
      bChannel: 2,
    },
  ]);
  assert.deepEqual(shapesOfAnnotations(undefined, polygonOptions), []);
  assert.deepEqual(shapesOfAnnotations(null, polygonOptions), []);
});

Deno.test("shapesOfAnnotations() passes every label id of an annotation, each once", () => {
  const seen: string[][] = [];
  shapesOfAnnotations([{
    id: "a1",
    labels: { A: { labels: [{ id: "car" }, { id: "x" }] }, B: { labels: [{ id: "car" }] } },
    polygons: [{ geometry: { vertices: [0, 0, 1, 0, 0, 1] } }],
  }], { kind: "polygon", bChannelOf: (ids) => (seen.push(ids), 5) });
  assert.deepEqual(seen, [["car", "x"]]);
});

Deno.test("shapesOfAnnotations() reads rectangles to masks", () => {
  const shapes = shapesOfAnnotations(
    [annotation("box", [{ geometry: { vertices: [0.25, 0.25, 0.75, 0.5] } }])],
    { ...polygonOptions, kind: "rectangle" },
  );
  const mask = rasterizeShapes(shapes, { width: 4, height: 4 });
  assert.deepEqual(picture(mask), ["....", ".11.", "....", "...."]);
  assert.deepEqual(colours(mask), ["0,0,0", "1,1,1"]);
});

Deno.test("shapesOfAnnotations() names the annotation and what is wrong with it", () => {
  const ring = (vertices: unknown) => ({ geometry: { vertices } });
  const good = ring([0, 0, 1, 0, 0, 1]);
  const cases: [unknown, string, "polygon" | "rectangle"][] = [
    [{ labels: {}, polygons: [good] }, 'annotation number 1 has no label in "labels', "polygon"],
    [
      annotation("a1", [good], { labels: { O: { labels: [{ id: "tree" }] } } }),
      'annotation "a1" has label "tree", which has no bChannel in the configuration',
      "polygon",
    ],
    [annotation("a1", []), 'annotation "a1" has no shape in "polygons"', "polygon"],
    [
      annotation("a1", [good, ring([0, 0, 1, 0, 1])]),
      'annotation "a1" has polygon 2 that has 5 numbers in its vertices; a polygon needs x, y ' +
      "pairs for 3 points or more",
      "polygon",
    ],
    [annotation("a1", [ring([0, 0, 1, 1])]), "polygon 1 that has 4 numbers", "polygon"],
    [annotation("a1", [ring([0, 0, "1", 0, 0, 1])]), 'has "1" at position 3', "polygon"],
    [annotation("a1", [ring([0, 0, null, 0, 0, 1])]), "has null at position 3", "polygon"],
    [
      annotation("a1", [{ vertices: [0, 0, 1, 0, 0, 1] }]),
      'no "geometry.vertices" list',
      "polygon",
    ],
    [
      annotation("a1", [ring([0, 0, 345, 0, 0, 1])]),
      'annotation "a1" has polygon 1 that has 345 at position 3 of its vertices, outside 0..1',
      "polygon",
    ],
    [
      annotation("a1", [good], { minus: [ring([0, 0, 1])] }),
      'annotation "a1" has hole 1 that has 3 numbers',
      "polygon",
    ],
    [
      annotation("a1", [{ ...good, minus: [good, ring([0, 1])] }]),
      'annotation "a1" has hole 2 of polygon 1 that has 2 numbers',
      "polygon",
    ],
    [annotation("7", [ring([0, 0, 1, 1, 0.5, 0.5])]), "a rectangle has 4", "rectangle"],
    ["ann", "annotation number 1 is not an object", "polygon"],
  ];
  for (const [bad, message, kind] of cases) {
    assert.throws(
      () => shapesOfAnnotations([bad], { ...polygonOptions, kind }),
      (error: unknown) => {
        assert.ok(error instanceof MasksError, String(error));
        assert.ok(error.message.includes(message), `${error.message}\nlacks ${message}`);
        return true;
      },
    );
  }
  assert.throws(
    () => shapesOfAnnotations({ a: 1 }, polygonOptions),
    /annotations are .*not a list/,
  );
  assert.throws(
    () =>
      shapesOfAnnotations([annotation("a9", [good])], { ...polygonOptions, bChannelOf: () => 300 }),
    /annotation "a9" has a label whose bChannel is 300; a bChannel is 1 to 255/,
  );
});
