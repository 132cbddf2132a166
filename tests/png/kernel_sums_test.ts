import assert from "../_std/assert.ts";
import { inflateSync } from "node:zlib";
import { align16, SLACK, withKernels } from "../../lib/png/kernels.ts";
import { stripLayout } from "../../lib/png/_strip_layout.ts";
import { adler32Of } from "../../lib/flate/inflate_stream.ts";
import { checkPng } from "../../lib/png/inflate_png.ts";
import { pixelFormBound } from "../../lib/png/pixel_pieces.ts";
import { type MaskPngOptions, writeMaskPng } from "../../testing/mask_png.ts";

type Filter = MaskPngOptions["filter"];

/**
 * An image whose rows take turns being zeros, the row above again, noise, and the row above with
 * a run of one colour drawn in (the shapes Sub, Up and Paeth meet in masks and in the worst case).
 */
function mixedImage(width: number, height: number, channels: 3 | 4, seed: number) {
  const data = new Uint8Array(width * height * channels);
  const n = width * channels;
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) >>> 0) >>> 8;
  for (let y = 0; y < height; y++) {
    const row = data.subarray(y * n, (y + 1) * n);
    const above = data.subarray((y - 1) * n, y * n);
    const kind = next() % 4;
    if (kind === 2) row.forEach((_, i) => row[i] = next() & 255);
    if (kind === 1 && y > 0) row.set(above);
    if (kind === 3) {
      if (y > 0) row.set(above);
      const from = next() % width;
      const colour = [next() & 255, next() & 255, 7, 255];
      for (let x = from; x < Math.min(width, from + 1 + (next() % 300)); x++) {
        for (let c = 0; c < channels; c++) row[x * channels + c] = colour[c];
      }
    }
  }
  return { width, height, data };
}

/** The scanlines a PNG of the image inflates to, every row filtered as asked. */
function scanlinesOf(image: ReturnType<typeof mixedImage>, channels: 3 | 4, filter: Filter) {
  const png = writeMaskPng(image, { colourType: channels === 4 ? 6 : 2, filter });
  return new Uint8Array(inflateSync(checkPng(png, undefined).compressed));
}

/** The kernels that carry the image data's Adler-32 over the rows they unfilter. */
const KERNELS = [
  "transcodeRows",
  "unfilter",
  "unfilterConvert (class indices)",
  "unfilterConvert (instance ids)",
  "unfilterConvert (panoptic)",
  "unfilterLabels",
  "unfilterForm",
] as const;
type Kernel = typeof KERNELS[number];

/**
 * Runs a kernel over the scanlines as one strip, the stream's Adler-32 so far `start` in the word
 * it carries on (with `patch`, its Up-filtered rows added to the row above where it can); the
 * kernel's result and the word after.
 */
function kernelSum(
  kernel: Kernel,
  image: { width: number; height: number },
  channels: 3 | 4,
  scanlines: Uint8Array,
  options: { start: number; patch: boolean },
): { result: number; sum: number } {
  if (kernel === "transcodeRows") return transcodeSum(image, channels, scanlines, options);
  const { width, height } = image;
  const n = width * channels;
  const at = align16(n + SLACK);
  const out = align16(at + height * (n + 1) + SLACK);
  const outStride = width * 3 + SLACK;
  const table = align16(out + (height + 1) * outStride + SLACK);
  const same = align16(table + 512 + SLACK);
  const list = align16(same + height + SLACK);
  const form = align16(list + height * 4 * (1 + (width >> 4)) + SLACK);
  const word = align16(form + pixelFormBound(height, n) + SLACK);
  return withKernels(word + 4 + SLACK, (kernels, memory) => {
    memory.set(scanlines, at);
    const words = new Uint32Array(memory.buffer, word, 1);
    words[0] = options.start;
    const patch = options.patch ? 1 : 0;
    const mode = ["class indices", "instance ids", "panoptic"].findIndex((m) => kernel.includes(m));
    if (kernel === "unfilterForm") {
      // The end of the form written, or -1 - r for a bad row r.
      const end = kernels.unfilterForm(at, height, n, channels, 0, 0, form, patch, word);
      return { result: end < 0 ? -1 - end : -1, sum: words[0] };
    }
    const result = kernel === "unfilter"
      ? kernels.unfilter(at, height, n, channels, 0, 0, word)
      : kernel === "unfilterLabels"
      ? kernels.unfilterLabels(at, height, width, channels, 0, out, same, list, 0, patch, word)
      : kernels.unfilterConvert(
        at,
        height,
        width,
        channels,
        0,
        out,
        outStride,
        mode,
        table,
        0,
        patch,
        word,
      );
    return { result, sum: words[0] };
  });
}

/** transcodeRows over the strip, in the `rgb` fast path's layout (with the digest's form). */
function transcodeSum(
  image: { width: number; height: number },
  channels: 3 | 4,
  scanlines: Uint8Array,
  options: { start: number; patch: boolean },
): { result: number; sum: number } {
  const header = { ...image, bitDepth: 8, colourType: channels === 4 ? 6 : 2, interlaced: false };
  const layout = stripLayout(header as Parameters<typeof stripLayout>[0]);
  assert.equal(layout.rows, image.height, "the test's images fit one strip");
  return withKernels(layout.end, (kernels, memory) => {
    const inStride = layout.inRow + 1;
    const outStride = layout.outRow + 1;
    memory.set(scanlines, layout.input + inStride);
    const word = new Uint32Array(memory.buffer, layout.sums, 1);
    word[0] = options.start;
    const result = kernels.transcodeRows(
      layout.input + inStride,
      image.height,
      image.width,
      channels,
      layout.zero,
      layout.output + outStride,
      0,
      layout.flags,
      layout.pieces,
      options.patch ? 1 : 0,
      layout.sums,
    );
    return { result, sum: word[0] };
  });
}

const LARGEST = ((65520 << 16) | 65520) >>> 0;

Deno.test("the unfiltering kernels carry the image data's Adler-32 over the scanlines", async (t) => {
  // 8192 RGBA pixels make the widest row summed in the loops (32768 bytes); 8193 and 10923 RGB
  // pixels rows summed apart.
  const sizes: [number, number][] = [[1, 30], [2, 30], [5, 30], [17, 30], [300, 40], [1000, 20]];
  for (const channels of [3, 4] as const) {
    const wide = channels === 4 ? [8192, 8193] : [10922, 10923];
    for (const [width, height] of [...sizes, ...wide.map((w): [number, number] => [w, 6])]) {
      const image = mixedImage(width, height, channels, width * channels);
      for (const filter of [0, 1, 2, 3, 4, "cycle"] as Filter[]) {
        await t.step(`${channels} channels, ${width}×${height}, filter ${filter}`, () => {
          const scanlines = scanlinesOf(image, channels, filter);
          for (const kernel of KERNELS) {
            for (const start of [1, LARGEST]) {
              for (const patch of [false, true]) {
                const got = kernelSum(kernel, image, channels, scanlines, { start, patch });
                const where = `${kernel}, from ${start}, patch ${patch}`;
                assert.ok(got.result < 0, `no bad filter type: ${where}`);
                assert.equal(got.sum, adler32Of(scanlines, start), where);
              }
            }
          }
        });
      }
    }
  }
});

Deno.test("the kernels sum the rows before a bad filter type, and leave it and the rest", () => {
  for (const channels of [3, 4] as const) {
    const image = mixedImage(64, 24, channels, 5);
    const scanlines = scanlinesOf(image, channels, "cycle");
    const stride = 64 * channels + 1;
    for (const kernel of KERNELS) {
      for (const bad of [0, 1, 7, 23]) {
        const broken = scanlines.slice();
        broken[bad * stride] = 5;
        const got = kernelSum(kernel, image, channels, broken, { start: 1, patch: true });
        assert.equal(got.result, bad, kernel);
        assert.equal(got.sum, adler32Of(broken.subarray(0, bad * stride)), `${kernel}, row ${bad}`);
      }
    }
  }
});
