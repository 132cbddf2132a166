import { createHash } from "node:crypto";
import assert from "../_std/assert.ts";
import { runMaskJob } from "../../lib/export/_mask_job.ts";
import { MASK_FORMATS } from "../../lib/export/mask_format.ts";
import { pngPixelSha256 } from "../../lib/png/png_pixel_sha256.ts";
import { encodePng } from "../../lib/png/encode_png.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { FLAVOURS, MAPPING, maskJobOf } from "../_fixtures/mask_job.ts";

/** The flavours whose reference pixels are the same: plain, optimized, RGBA, 16-bit, Adam7. */
async function sameImageFlavours(): Promise<{ name: string; png: Uint8Array; rgb: Uint8Array }[]> {
  const index: { file: string; expected: string }[] = JSON.parse(
    await Deno.readTextFile(new URL("index.json", FLAVOURS)),
  );
  const flavours = [];
  for (const { file, expected } of index) {
    const rgb = await Deno.readFile(new URL(expected, FLAVOURS));
    flavours.push({ name: file, png: await Deno.readFile(new URL(file, FLAVOURS)), rgb });
  }
  const reference = flavours.find((flavour) => flavour.name === "rgb8.png")!.rgb;
  return flavours.filter((flavour) => sameBytes(flavour.rgb, reference));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

Deno.test("pixelSha256 is the same for the same pixels whatever the mask's PNG encoding, in every format", async (t) => {
  const flavours = await sameImageFlavours();
  assert.ok(flavours.length >= 5, `${flavours.length} flavours share the reference pixels`);
  const cases = [
    ...MASK_FORMATS.map((format) => ({ format, mapping: undefined })),
    { format: "rgb" as const, mapping: MAPPING },
  ];
  for (const { format, mapping } of cases) {
    await t.step(`${format}${mapping ? " recoloured" : ""}`, async () => {
      const first = await runMaskJob(maskJobOf(flavours[0].png, format, mapping));
      assert.ok(first.files.length > 0);
      for (const flavour of flavours.slice(1)) {
        const other = await runMaskJob(maskJobOf(flavour.png, format, mapping));
        assert.deepEqual(
          other.files.map((file) => [file.path, file.pixelSha256]),
          first.files.map((file) => [file.path, file.pixelSha256]),
          flavour.name,
        );
      }
      // The digest taken while encoding is the one of the written file, decoded again.
      for (const file of first.files) assert.equal(pngPixelSha256(file.bytes), file.pixelSha256);
    });
  }
});

/**
 * The documented canonical form, written out here on its own: the header, then per row its
 * differences with the row above (zeros above the first) in 16-byte pieces, each nonzero piece as
 * its number from 1 (32-bit little-endian) and its bytes, then four zero bytes.
 */
function canonicalSha256(width: number, height: number, layout: string, rows: Uint8Array): string {
  const hash = createHash("sha256").update(`lab-masks-pixels/2 ${width} ${height} ${layout}\n`);
  const rowBytes = rows.length / height;
  let above: Uint8Array = new Uint8Array(rowBytes);
  for (let y = 0; y < height; y++) {
    const row = rows.subarray(y * rowBytes, (y + 1) * rowBytes);
    const differences = row.map((byte, x) => byte - above[x]);
    for (let piece = 0; piece * 16 < rowBytes; piece++) {
      const bytes = differences.subarray(piece * 16, piece * 16 + 16);
      if (bytes.some((byte) => byte !== 0)) {
        hash.update(new Uint8Array(new Uint32Array([piece + 1]).buffer)).update(bytes);
      }
    }
    hash.update(new Uint8Array(4));
    above = row;
  }
  return hash.digest("hex");
}

Deno.test("pixelSha256 of an rgb mask is the SHA-256 of the documented canonical form of its RGB rows", async () => {
  const flavours = await sameImageFlavours();
  const expected = canonicalSha256(97, 61, "rgb8", flavours[0].rgb);
  for (const flavour of flavours) {
    const { files } = await runMaskJob(maskJobOf(flavour.png, "rgb"));
    assert.equal(files[0].pixelSha256, expected, flavour.name);
    // The file written is not always the same bytes: the identity is the pixels.
    assert.equal(pngPixelSha256(flavour.png), expected, `${flavour.name} decoded`);
  }
});

Deno.test("pixelSha256 is the documented form across strips of many rows, whatever the filters", async (t) => {
  // 2000 pixels wide: a strip holds about 30 rows. Bands of repeated rows, single changed rows,
  // a band that starts at a strip's first row and one that ends on it.
  const width = 2000;
  const height = 200;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const band = y < 31 ? 0 : y < 64 ? 1 : y % 7 === 0 ? 2 + y : 2;
    for (let x = 0; x < width; x++) {
      if (band > 0 && x > 100 * band % width && x < 1500) {
        data.set([band % 250 + 1, 1, 1 + band % 3], (y * width + x) * 3);
      }
    }
  }
  const expected = canonicalSha256(width, height, "rgb8", data);
  const encodings = [
    { name: "RGB, Up", png: writeMaskPng({ width, height, data }, { colourType: 2, filter: 2 }) },
    {
      name: "RGB, filters cycled",
      png: writeMaskPng({ width, height, data }, { colourType: 2, filter: "cycle" }),
    },
    { name: "RGBA, Up", png: writeMaskPng({ width, height, data }, { colourType: 6, filter: 2 }) },
    {
      name: "RGBA, None",
      png: writeMaskPng({ width, height, data }, { colourType: 6, filter: 0 }),
    },
    {
      name: "16-bit RGB",
      png: writeMaskPng({ width, height, data }, { colourType: 2, bitDepth: 16 }),
    },
  ];
  for (const { name, png } of encodings) {
    await t.step(name, async () => {
      assert.equal(pngPixelSha256(png), expected, "decoded");
      const { files } = await runMaskJob(maskJobOf(png, "rgb"));
      assert.equal(files[0].pixelSha256, expected, "rgb");
      for (const format of ["class-index", "instance"] as const) {
        const rendered = await runMaskJob(maskJobOf(png, format));
        assert.equal(
          pngPixelSha256(rendered.files[0].bytes),
          rendered.files[0].pixelSha256,
          format,
        );
      }
    });
  }
});

Deno.test("pngPixelSha256() differs after one pixel changes and not with the compression level", async () => {
  const data = new Uint8Array(8 * 4 * 3).fill(3);
  const image = { width: 8, height: 4, data };
  const a = pngPixelSha256(await encodePng(image, { level: 1 }));
  assert.equal(pngPixelSha256(await encodePng(image, { level: 9, filter: "adaptive" })), a);
  data[40] ^= 1;
  assert.notEqual(pngPixelSha256(await encodePng(image, { level: 1 })), a);
});

Deno.test("an RGBA mask's pixelSha256 is the documented form at every width around 16 pixels", async () => {
  // The kernel packs sixteen RGBA pixels at a time and cuts the form's pieces as it goes; the
  // rest of a row (and rows narrower than sixteen pixels) are cut after.
  for (const width of [1, 5, 15, 16, 17, 31, 32, 33, 47, 48, 49, 2003]) {
    const height = 40;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      if (y % 9 === 4) continue;
      for (let x = (y * 7) % Math.max(1, width); x < width; x += 1 + (y % 3)) {
        data.set([1 + ((x + y) % 5), 1, 1 + (x % 4)], (y * width + x) * 3);
      }
    }
    const expected = canonicalSha256(width, height, "rgb8", data);
    const png = writeMaskPng({ width, height, data }, { colourType: 6, filter: "cycle" });
    const { files } = await runMaskJob(maskJobOf(png, "rgb"));
    assert.equal(files[0].pixelSha256, expected, `${width} pixels wide`);
    assert.equal(pngPixelSha256(files[0].bytes), expected, `${width} pixels wide, written`);
  }
});
