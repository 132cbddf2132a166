import assert from "../_std/assert.ts";
import { MaskSampler } from "../../lib/raster/mask_sampler.ts";
import { transcodeMask } from "../../lib/raster/transcode_png.ts";
import { drawMask, writeMaskPng } from "../../testing/mask_png.ts";

/** Nearest-neighbour codes computed pixel by pixel, the slow obvious way. */
function expectedCodes(
  image: { width: number; height: number; data: Uint8Array },
  width: number,
  height: number,
): number[] {
  const channels = image.data.length / (image.width * image.height);
  const codes: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.floor(((x + 0.5) * image.width) / width);
      const sy = Math.floor(((y + 0.5) * image.height) / height);
      const at = (sy * image.width + sx) * channels;
      codes.push(image.data[at] === 0 ? 0 : 1 + image.data[at + 2]);
    }
  }
  return codes;
}

// 600×300 RGBA rows are 2,400 bytes: the transcoder inflates them in several strips.
const MASK = drawMask({ width: 600, height: 300 }, [
  { id: 1, bChannel: 1, rect: [10, 10, 300, 120] },
  { id: 2, bChannel: 2, circle: [450, 200, 80] },
  { id: 3, bChannel: 0, rect: [0, 280, 600, 300] },
  { id: 4, bChannel: 9, rect: [590, 0, 600, 300] },
]);

Deno.test("MaskSampler keeps the pixel nearest each thumbnail pixel's centre, longest side 160", () => {
  const sampler = new MaskSampler(MASK.width, MASK.height);
  sampler.takeRows(MASK.data, 0, MASK.width * 4, 0, MASK.height, 4);
  const samples = sampler.samples();
  assert.equal(samples.width, 160);
  assert.equal(samples.height, 80);
  assert.deepEqual([...samples.codes], expectedCodes(MASK, 160, 80));
});

Deno.test("MaskSampler gives the same thumbnail from rows in strips as from the whole image", () => {
  const sampler = new MaskSampler(MASK.width, MASK.height);
  const stride = MASK.width * 4;
  for (let first = 0; first < MASK.height; first += 7) {
    const count = Math.min(7, MASK.height - first);
    // Each strip sits at the start of its own buffer, as in the kernels' memory.
    const strip = MASK.data.slice(first * stride, (first + count) * stride);
    sampler.takeRows(strip, 0, stride, first, count, 4);
  }
  assert.deepEqual([...sampler.samples().codes], expectedCodes(MASK, 160, 80));
});

Deno.test("MaskSampler keeps a small mask's size and refuses to answer before every row came", () => {
  const sampler = new MaskSampler(3, 2);
  sampler.takeRows(new Uint8Array([0, 0, 0, 5, 5, 7, 1, 1, 0]), 0, 9, 0, 1, 3);
  assert.throws(() => sampler.samples(), /saw 1 of 2 rows of a 3×2 mask/);
  sampler.takeRows(new Uint8Array([9, 9, 255, 0, 0, 0, 0, 0, 0]), 0, 9, 1, 1, 3);
  assert.deepEqual([...sampler.samples().codes], [0, 8, 1, 256, 0, 0]);
});

Deno.test("transcodeMask() samples the same thumbnail on every path as over the decoded pixels", async () => {
  const rgb = new Uint8Array(MASK.width * MASK.height * 3);
  for (let i = 0; i < MASK.width * MASK.height; i++) {
    rgb.set(MASK.data.subarray(i * 4, i * 4 + 3), i * 3);
  }
  const want = expectedCodes(MASK, 160, 80);
  const cases = {
    "plain RGB, written as it came": {
      png: writeMaskPng({ ...MASK, data: rgb }, { colourType: 2, filter: "cycle" }),
    },
    "RGBA, transcoded by the kernels": {
      png: writeMaskPng(MASK, { colourType: 6, filter: "cycle" }),
    },
    "RGBA, recoloured": {
      png: writeMaskPng(MASK, { colourType: 6 }),
      colourByBChannel: new Map([[1, [200, 0, 0] as const]]),
    },
    "palette, decoded whole": { png: writeMaskPng(MASK, { colourType: 3 }) },
  };
  for (const [name, { png, ...options }] of Object.entries(cases)) {
    const { samples } = await transcodeMask(png, { ...options, census: true, thumbnailSide: 160 });
    assert.ok(samples, `${name}: no samples`);
    assert.equal(`${samples.width}×${samples.height}`, "160×80", name);
    assert.deepEqual([...samples.codes], want, name);
  }
  const { samples } = await transcodeMask(writeMaskPng(MASK, { colourType: 6 }), { census: true });
  assert.equal(samples, undefined, "no thumbnail unless asked");
});
