/**
 * The `binary` format through the kernels' strip reader (labels read as the rows are unfiltered,
 * each label's scanlines made by one kernel, rows labelled as the row above skipped) against the
 * general decoder's route, on masks made for the edges: a width with pixels after the last 16, a
 * label on the last row and in the last column only, a label that leaves a strip and comes back
 * in a later one, instances of one label side by side, a label of the table the mask does not
 * hold, masks one pixel wide or tall, and labels apart along wider rows.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { assertSameBytes, assertSameData } from "../_std/same_bytes.ts";
import { runMaskJob } from "../../lib/export/_mask_job.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { type RgbaImage, writeMaskPng } from "../../testing/mask_png.ts";
import { maskJobOf, TABLE } from "../_fixtures/mask_job.ts";

/** A pixel: its instance id (red, 0 for none) and bChannel (blue). */
type Pixel = readonly [id: number, bChannel: number];

/** A mask of `width` × `height` whose pixel at (x, y) is `pixel(x, y)`. */
function maskOf(width: number, height: number, pixel: (x: number, y: number) => Pixel): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [id, bChannel] = pixel(x, y);
      if (id !== 0) data.set([id, id % 255, bChannel, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/**
 * 37 pixels wide (5 after the last 16) and tall enough for two strips or more: a diagonal band
 * of cars whose instance changes halfway along each row, people in rows 100 to 199 and again from
 * 2,500 (a later strip), a sign on the last row and in the last column only, and pixels of a
 * bChannel the table does not name.
 */
function edges(width: number, height: number): RgbaImage {
  return maskOf(width, height, (x, y) => {
    if (y === height - 1 || x === width - 1) return [30, 9];
    const band = (x + Math.floor(y / 3)) % width;
    if (band < 11) return [x < width / 2 ? 1 : 2, 1];
    if ((y >= 100 && y < 200) || y >= 2500) return x % 7 < 3 ? [0, 0] : [40 + (x % 2), 2];
    if (x === 3) return [50, 7];
    return [0, 0];
  });
}

/**
 * Labels apart along each row (so the 16 pixels that change from one row to the next are not side
 * by side): diagonal bands of cars and people drifting at different paces, a sign whose edges fall
 * on multiples of 16, and a person's block that leaves and comes back.
 */
function apart(width: number, height: number): RgbaImage {
  return maskOf(width, height, (x, y) => {
    const car = (x - Math.floor(y / 2)) % 97;
    if (car >= 0 && car < 9) return [1 + (x > width / 2 ? 1 : 0), 1];
    if (Math.abs(x - (width - 1 - Math.floor(y / 3) % width)) < 5) return [20, 2];
    if (x >= 32 && x < 64 && y % 40 < 17) return [30, 9];
    if (x >= width - 20 && (y < 50 || y > 300)) return [40, 2];
    return [0, 0];
  });
}

const CASES: [string, RgbaImage][] = [
  ["200×600, labels apart in each row", apart(200, 600)],
  ["256×400, labels apart, no pixel after the last 16", apart(256, 400)],
  ["37×3000, every edge", edges(37, 3000)],
  ["32×700, no pixel after the last 16", edges(32, 700)],
  [
    "one pixel wide",
    maskOf(1, 300, (_, y) => y % 50 < 20 ? [1, 1] : y % 50 < 30 ? [2, 9] : [0, 0]),
  ],
  ["one pixel tall", maskOf(50, 1, (x) => x < 17 ? [3, 2] : x === 49 ? [4, 9] : [0, 0])],
  ["one pixel", maskOf(1, 1, () => [8, 9])],
  ["cars only (no person, no sign)", maskOf(40, 20, (x, y) => x > y ? [1, 1] : [0, 0])],
];

/** The binary mask of a bChannel, as the format defines it: 255 where red is not 0 and blue is it. */
function referenceMask(image: RgbaImage, bChannel: number): Uint8Array {
  const mask = new Uint8Array(image.width * image.height);
  for (let i = 0; i < mask.length; i++) {
    if (image.data[i * 4] !== 0 && image.data[i * 4 + 2] === bChannel) mask[i] = 255;
  }
  return mask;
}

Deno.test("runMaskJob() writes binary masks through the kernels' strip reader with the bytes and pixels of the general decoder, at every edge", async (t) => {
  for (const [name, image] of CASES) {
    for (const colourType of [2, 6] as const) {
      for (const filter of [2, "cycle"] as const) {
        await t.step(`${name}, colour type ${colourType}, filter ${filter}`, async () => {
          const png = writeMaskPng(image, { colourType, filter });
          const fast = await runMaskJob(maskJobOf(png, "binary"));
          const general = await runMaskJob(maskJobOf(png, "binary"), { generalDecoder: true });
          const again = await runMaskJob(maskJobOf(png, "binary"));
          // With a thumbnail and the pixels tallied, the rows are kept raw for them to read.
          const rowsRead = await runMaskJob({
            ...maskJobOf(png, "binary"),
            preview: true,
            tallyPixels: true,
          });
          const held = TABLE.classes.filter((entry) =>
            referenceMask(image, entry.bChannel).includes(255)
          );
          assert.deepEqual(
            fast.files.map((file) => file.path),
            held.map((entry) => `a/b/${entry.id.replace("/", "_")}.png`),
            "one file per label the mask holds",
          );
          assert.deepEqual(general.files.map((file) => file.path), fast.files.map((f) => f.path));
          const generalRead = await runMaskJob({
            ...maskJobOf(png, "binary"),
            preview: true,
            tallyPixels: true,
          }, { generalDecoder: true });
          assert.deepEqual(rowsRead.preview, generalRead.preview, "the thumbnail");
          assert.deepEqual(rowsRead.labelPixels, generalRead.labelPixels, "the pixels tallied");
          assert.ok(rowsRead.preview !== undefined && rowsRead.labelPixels !== undefined);
          for (const [i, file] of fast.files.entries()) {
            assertSameData(file.bytes, general.files[i].bytes, `${file.path}: the general route's`);
            assertSameData(file.bytes, again.files[i].bytes, `${file.path}: a second run's`);
            assertSameData(file.bytes, rowsRead.files[i].bytes, `${file.path}: rows kept raw`);
            assert.equal(file.pixelSha256, general.files[i].pixelSha256, file.path);
            const decoded = await decodePng(file.bytes);
            const grey = decoded.data.filter((_, byte) => byte % 3 === 0);
            assertSameBytes(grey, referenceMask(image, held[i].bChannel), `${file.path}: pixels`);
          }
        });
      }
    }
  }
});
