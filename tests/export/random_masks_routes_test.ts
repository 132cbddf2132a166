// Masks drawn at random, in PNGs whose rows mix every filter and whose image data is cut into
// IDAT chunks anywhere, some damaged: every format reads each one the same way through the
// kernels and through the general decoder (the same files, statistics and segments, or the same
// error), and `rgb` gives the pixels `decodePng` gives, or refuses the mask with its message.
import assert from "../_std/assert.ts";
import { runMaskJob } from "../../lib/export/_mask_job.ts";
import { MASK_FORMATS } from "../../lib/export/mask_format.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { concatenate } from "../../lib/concatenate.ts";
import { seededRandom } from "../../testing/seeded_random.ts";
import { maskJobOf } from "../_fixtures/mask_job.ts";
import {
  filteredScanlines,
  pngOfStream,
  type RawImage,
  zlibOf,
} from "../_fixtures/scanline_png.ts";

const CASES = 400;

/** What is done to a mask's PNG: nothing, or one kind of damage. */
const DAMAGES = [
  "none",
  "none",
  "none",
  "filter type out of range",
  "rows missing",
  "rows too many",
  "a bit flipped in the stream",
  "a wrong check",
  "the stream cut",
  "bytes after the stream",
] as const;
type Damage = (typeof DAMAGES)[number];

const random = seededRandom(29);
const below = (n: number) => Math.floor(random() * n);

/** A mask of a few colours (labelled, unknown, transparent), in rectangles and triangles. */
function randomMask(): RawImage {
  // Now and then wide and tall enough for several strips and every vector width.
  const large = random() < 0.1;
  const width = 1 + below(large ? 700 : 70);
  const height = 1 + below(large ? 300 : 30);
  const channels = random() < 0.5 ? 3 : 4;
  const colours = Array.from({ length: 1 + below(5) }, () => {
    const b = random() < 0.8 ? below(10) : below(256);
    const alpha = random() < 0.7 ? 255 : random() < 0.5 ? 0 : below(256);
    return [random() < 0.7 ? (b ? 1 + below(20) : 0) : below(256), below(3), b, alpha];
  });
  const colourOf = new Uint8Array(width * height);
  for (let shape = below(6); shape > 0; shape--) {
    const [x0, y0] = [below(width), below(height)];
    const [x1, y1] = [x0 + below(width - x0 + 1), y0 + below(height - y0 + 1)];
    const [colour, triangle] = [below(colours.length), random() < 0.5];
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        if (!triangle || x - x0 <= (y - y0) * 2) colourOf[y * width + x] = colour;
      }
    }
  }
  const data = new Uint8Array(width * height * channels);
  colourOf.forEach((colour, i) => data.set(colours[colour].slice(0, channels), i * channels));
  return { width, height, channels, data };
}

/** The mask as a PNG, its rows' filters drawn at random (Up most often), damaged as told. */
function pngOf(image: RawImage, damage: Damage): Uint8Array {
  const filters = Array.from({ length: image.height }, () => random() < 0.5 ? 2 : below(5));
  let scanlines = filteredScanlines(image, filters);
  const stride = image.width * image.channels + 1;
  if (damage === "filter type out of range") {
    scanlines[below(image.height) * stride] = 5 + below(251);
  }
  if (damage === "rows missing") {
    scanlines = scanlines.subarray(0, scanlines.length - 1 - below(stride));
  }
  if (damage === "rows too many") {
    scanlines = concatenate([scanlines, new Uint8Array(1 + below(stride))]);
  }
  let stream = zlibOf(scanlines, below(10));
  if (damage === "a bit flipped in the stream") {
    stream[2 + below(stream.length - 2)] ^= 1 << below(8);
  }
  if (damage === "a wrong check") stream[stream.length - 1 - below(4)] ^= 1 + below(255);
  if (damage === "the stream cut") stream = stream.subarray(0, below(stream.length));
  if (damage === "bytes after the stream") {
    stream = concatenate([stream, new Uint8Array([below(256), 7])]);
  }
  const cuts = Array.from({ length: below(3) }, () => below(stream.length + 1)).sort((a, b) =>
    a - b
  );
  return pngOfStream(image, stream, cuts);
}

/** What a job gave: its files, statistics and segments, or its error's message. */
async function outcomeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    const { files, stats, segments } = await run() as Awaited<ReturnType<typeof runMaskJob>>;
    const hashes = files.map(({ path, sha256, pixelSha256 }) => ({ path, sha256, pixelSha256 }));
    return JSON.stringify({ hashes, stats, segments });
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

Deno.test("every format reads random masks, sound and damaged, the same through the kernels and the general decoder", async () => {
  const seen = { read: 0, refused: 0 };
  const damages = new Set<Damage>();
  for (let i = 0; i < CASES; i++) {
    const image = randomMask();
    const damage = DAMAGES[below(DAMAGES.length)];
    damages.add(damage);
    const png = pngOf(image, damage);
    const name =
      `mask ${i} (${image.width}×${image.height}, ${image.channels} channels, ${damage})`;
    const reference = await decodePng(png).then(
      (decoded) => ({ pixels: decoded.data }),
      (error: Error) => ({ error: error.message }),
    );
    seen["error" in reference ? "refused" : "read"]++;
    for (const format of MASK_FORMATS) {
      const job = () => maskJobOf(png, format);
      if (format === "rgb") {
        const rgb = await runMaskJob(job()).then(
          (rendered) => ({ png: rendered.files[0].bytes }),
          (error: Error) => ({ error: error.message }),
        );
        if ("error" in reference) {
          assert.ok("error" in rgb, `${name}: rgb wrote a file where decodePng refused the mask`);
          assert.ok(rgb.error.includes(reference.error), `${name}: "${rgb.error}"`);
        } else {
          assert.ok("png" in rgb, `${name}: rgb refused a mask decodePng read`);
          const written = await decodePng(rgb.png);
          assert.deepStrictEqual(written.data, reference.pixels, `${name}: rgb's pixels`);
        }
        continue;
      }
      const kernels = await outcomeOf(() => runMaskJob(job()));
      const general = await outcomeOf(() => runMaskJob(job(), { generalDecoder: true }));
      assert.equal(kernels, general, `${name}: ${format}`);
      assert.equal(kernels.startsWith("error:"), "error" in reference, `${name}: ${format}`);
    }
  }
  // Neither half may be empty, and every damage was drawn.
  assert.ok(seen.read >= 40 && seen.refused >= 40, JSON.stringify(seen));
  assert.equal(damages.size, new Set(DAMAGES).size);
});
