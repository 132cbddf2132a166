import assert from "../_std/assert.ts";
import { assertSameBytes } from "../_std/same_bytes.ts";
import { classTable } from "../../lib/detect/class_table.ts";
import { maskRowsRenderer } from "../../lib/export/_mask_rows_renderer.ts";
import { runMaskJob } from "../../lib/export/_mask_job.ts";
import { MASK_FORMATS, type MaskFormat } from "../../lib/export/mask_format.ts";
import type { RenderedFile } from "../../lib/export/mask_format.ts";
import { maskStats } from "../../lib/model/mask_stats.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { pngSamples } from "../../lib/png/png_samples.ts";
import type { RgbImage } from "../../lib/png/rgb_image.ts";
import { encodePng } from "../../lib/png/encode_png.ts";

// The mask formats but `rgb` are deflated by the mask-row encoder: other file bytes than zlib's
// (level 6, what they were before), the same pixels. Each file of both encoders is read back by
// the independent sample reader and compared sample for sample.

const TABLE = classTable([
  { id: "car", name: "Car", color: "#ff0000", bChannel: 1 },
  { id: "person", name: "Person", bChannel: 2 },
  { id: "sign/post", name: "Sign", bChannel: 9 },
  { id: "road", name: "Road", bChannel: 3 },
]);
const FLAVOURS = new URL("../testdata/png-flavours/", import.meta.url);

/**
 * A drawn-looking mask: slanted regions (a diagonal edge on every row), a patch of many ids, then
 * rows that repeat the row above (a band of one instance, then black, across the fast reader's
 * first strip's end: 290 rows of 301 RGB pixels), which the fast reader knows as repeats.
 */
function slantedScene(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  const paint = (p: number, id: number, b: number) => data.set([id, id % 255, b], p * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (y >= 280 && y < 320) {
        if (y < 300 && x > 20) paint(p, 7, 2);
        continue;
      }
      if (y > height * 0.6 + x * 0.2) paint(p, 1, 3);
      if (y > x * 0.7 + 5 && y < x * 0.3 + 60) paint(p, 4, 1);
      if ((x - 150) ** 2 * 2 + (y - 70) ** 2 < 900) paint(p, 200, 2);
      if (x > 240 && y < 40) paint(p, ((x * 7 + y * 13) % 254) + 1, (x + y) % 3 === 0 ? 9 : 5);
    }
  }
  return { width, height, data };
}

function render(image: RgbImage, format: MaskFormat, deflater: "zlib" | "mask-rows") {
  const { width, height } = image;
  const renderer = maskRowsRenderer("a/b.png", image, {
    format,
    table: TABLE,
    stuffClasses: [TABLE.indexByBChannel[3]],
    deflater,
  });
  try {
    for (let first = 0; first < height; first += 16) {
      const count = Math.min(16, height - first);
      // A copy per strip: `rgb` recolours in place.
      renderer.takeRows({
        data: image.data.slice(first * width * 3, (first + count) * width * 3),
        first,
        count,
      });
    }
    const files = renderer.end(maskStats(image, TABLE).labels);
    return Object.assign(files, { segments: renderer.segments?.() });
  } finally {
    renderer.close();
  }
}

/** A PNG's header, palette and every sample as stored, read back by the independent reader. */
function samplesOf(bytes: Uint8Array) {
  const png = pngSamples(bytes);
  const rows: Uint8Array[] = [];
  png.readRaw((strip) => rows.push(strip.slice()));
  const samples = new Uint8Array(rows.reduce((sum, strip) => sum + strip.length, 0));
  rows.reduce((at, strip) => (samples.set(strip, at), at + strip.length), 0);
  const { width, height, colourType, bitDepth, palette } = png;
  return { header: { width, height, colourType, bitDepth, palette: [...palette ?? []] }, samples };
}

function assertSamePixels(made: RenderedFile[], before: RenderedFile[], what: string): void {
  assert.deepEqual(made.map((file) => file.path), before.map((file) => file.path), what);
  // One file but in `binary`, which has none where no pixel has a label (gray1.png).
  assert.ok(made.length > 0 || what.endsWith("binary"), what);
  for (const [i, file] of made.entries()) {
    const name = `${what}: ${file.path}`;
    const a = samplesOf(file.bytes);
    const b = samplesOf(before[i].bytes);
    assert.deepEqual(a.header, b.header, name);
    assertSameBytes(a.samples, b.samples, `${name} samples`);
    assert.equal(file.pixelSha256, before[i].pixelSha256, name);
  }
}

const inputs = async (): Promise<[string, RgbImage][]> => {
  const index: { file: string }[] = JSON.parse(
    await Deno.readTextFile(new URL("index.json", FLAVOURS)),
  );
  const flavours = await Promise.all(
    index.map(async ({ file }) =>
      [file, await decodePng(await Deno.readFile(new URL(file, FLAVOURS)))] as [string, RgbImage]
    ),
  );
  // 304 pixels: rows of whole 32-bit words, which binary makes a row at a time.
  return [
    ["a slanted scene", slantedScene(301, 400)],
    ["a slanted scene of rows of whole words", slantedScene(304, 400)],
    ...flavours,
  ];
};

Deno.test("every mask format's files hold the same pixels deflated by the mask-row encoder as by zlib", async (t) => {
  for (const [name, image] of await inputs()) {
    await t.step(name, () => {
      for (const format of MASK_FORMATS) {
        assertSamePixels(
          render(image, format, "mask-rows"),
          render(image, format, "zlib"),
          `${name}, ${format}`,
        );
      }
    });
  }
});

Deno.test("the export's job writes the pixels zlib's route wrote, from every PNG flavour and in every format", async (t) => {
  const images = await inputs();
  for (const [name, image] of images) {
    // The job reads the PNG itself: the flavours' own files, the scene as a fresh RGB PNG.
    const bytes = name.endsWith(".png")
      ? await Deno.readFile(new URL(name, FLAVOURS))
      : await encodePng(image);
    await t.step(name, async () => {
      for (const format of MASK_FORMATS) {
        const job = await runMaskJob({
          mask: { kind: "png", bytes },
          table: TABLE,
          format,
          file: "a/b.png",
          stuffClasses: [TABLE.indexByBChannel[3]],
        });
        const before = render(image, format, "zlib");
        assertSamePixels(job.files, before, `${name}, ${format}`);
        // Panoptic rows the job copied from the row above still count toward their segments.
        assert.deepEqual(job.segments, before.segments, `${name}, ${format}: segments`);
      }
    });
  }
});

Deno.test("the mask-row encoder changes the files of the formats but rgb, and writes them the same twice", () => {
  const image = slantedScene(301, 400);
  for (const format of MASK_FORMATS) {
    const [first] = render(image, format, "mask-rows");
    const [again] = render(image, format, "mask-rows");
    assertSameBytes(first.bytes, again.bytes, `${format} twice`);
    const [zlib] = render(image, format, "zlib");
    const same = first.bytes.length === zlib.bytes.length &&
      first.bytes.every((byte, i) => byte === zlib.bytes[i]);
    assert.equal(same, format === "rgb", `${format}: bytes ${same ? "unchanged" : "changed"}`);
  }
});
