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
