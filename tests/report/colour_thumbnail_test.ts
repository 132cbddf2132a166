import assert from "../_std/assert.ts";
import { classTable } from "../../lib/detect/class_table.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import {
  BACKGROUND_COLOUR,
  colourThumbnail,
  UNKNOWN_COLOUR,
} from "../../lib/report/colour_thumbnail.ts";
import { maskPreview } from "../../lib/report/mask_preview.ts";
import { LABELS } from "../_fixtures/project.ts";

const TABLE = classTable(LABELS);
// Codes are 1 + B for labelled pixels: car (B 1) = 2, person (B 2) = 3, road (B 3) = 4.
const SAMPLES = { width: 3, height: 2, codes: new Uint16Array([0, 2, 2, 4, 10, 1]) };

Deno.test("colourThumbnail() indexes the labels' classes, with unknown and B = 0 pixels apart", () => {
  const thumbnail = colourThumbnail(SAMPLES, TABLE);
  assert.deepEqual([...thumbnail.data], [0, 1, 1, 3, 4, 4]);
  assert.deepEqual([...thumbnail.palette], [
    ...BACKGROUND_COLOUR,
    0xe6,
    0x19,
    0x4b,
    0x3c,
    0xb4,
    0x4b,
    0x43,
    0x63,
    0xd8,
    ...UNKNOWN_COLOUR,
  ]);
  assert.equal(thumbnail.labelled, 5);
  assert.deepEqual(thumbnail.samplesByLabel, { car: 2, road: 1 });
});

Deno.test("maskPreview() encodes a palette PNG showing the labels' colours over the background", async () => {
  const preview = maskPreview(SAMPLES, TABLE);
  assert.equal(preview.png[25], 3, "colour type: palette");
  const image = await decodePng(preview.png);
  assert.equal(`${image.width}×${image.height}`, "3×2");
  const pixels = Array.from({ length: 6 }, (_, i) => [...image.data.subarray(i * 3, i * 3 + 3)]);
  assert.deepEqual(pixels, [
    [...BACKGROUND_COLOUR],
    [0xe6, 0x19, 0x4b],
    [0xe6, 0x19, 0x4b],
    [0x43, 0x63, 0xd8],
    [...UNKNOWN_COLOUR],
    [...UNKNOWN_COLOUR],
  ]);
  assert.deepEqual([preview.samples, preview.labelled], [6, 5]);
});

Deno.test("colourThumbnail() keeps unknown pixels apart from a pinned map's highest class", () => {
  // car keeps 1, road 3, a new label takes 4; person's 2 is reserved: 3 classes, highest index 4.
  const pinned = {
    source: "labelmap.json",
    setting: "labelmapFrom",
    ignoreIndex: 255,
    classes: [
      { id: "car", name: "Car", index: 1, colour: [1, 1, 1] as [number, number, number] },
      { id: "person", name: "Person", index: 2, colour: [2, 2, 2] as [number, number, number] },
      { id: "road", name: "Road", index: 3, colour: [3, 3, 3] as [number, number, number] },
    ],
  };
  const labels = [LABELS[2], { id: "bike", bChannel: 4, color: "#040404" }, LABELS[0]];
  const table = classTable(labels, { pinned, allowRemovedLabels: true });
  // car (B 1), an unknown B 9, bike (B 4), road (B 3).
  const thumbnail = colourThumbnail(
    { width: 4, height: 1, codes: new Uint16Array([2, 10, 5, 4]) },
    table,
  );
  assert.deepEqual([...thumbnail.data], [1, 5, 4, 3]);
  assert.deepEqual(thumbnail.samplesByLabel, { car: 1, road: 1, bike: 1 });
  assert.deepEqual([...thumbnail.palette.subarray(15, 18)], [...UNKNOWN_COLOUR]);
});
