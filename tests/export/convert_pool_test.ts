import { pathToFileURL as toFileUrl } from "node:url";
import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { errorWith } from "../_std/error_with.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { MasksError, PngError } from "../../lib/errors.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { classTable } from "../../lib/detect/class_table.ts";
import { convertMask, type ConvertMaskOptions } from "../../lib/export/convert_mask.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { decodeDataUri, encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { drawMask, writeMaskPng } from "../../testing/mask_png.ts";

/** How long the pool may take for what a test waits on: a worker that never answers fails it. */
const DEADLINE_MS = 30_000;

const MAPPING = new Map<number, [number, number, number]>([[4, [200, 100, 50]]]);

const TABLE = classTable([{ id: "road", bChannel: 1 }, { id: "car", bChannel: 4 }]);

/** An `rgb` render of one mask on `pool`: the PNG the SDK would write, as `convertMask` makes it. */
async function convert(pool: ConvertPool, mask: string, options: ConvertMaskOptions = {}) {
  const { colourByBChannel, maxPixels } = options;
  const png = { kind: "png" as const, bytes: decodeDataUri(mask) };
  const job = { mask: png, file: "a.png", format: "rgb" as const, table: TABLE };
  const rendered = pool.render({ ...job, colourByBChannel, maxPixels });
  return (await withDeadline(rendered, DEADLINE_MS, "a mask on the pool")).files[0].bytes;
}

function maskUri(seed: number, colourType: 2 | 3 | 6): string {
  const image = drawMask({ width: 64, height: 48 }, [
    { id: seed, bChannel: 4, circle: [20 + seed, 20, 12] },
    { id: 200, bChannel: 1, rect: [0, 30, 64, 48] },
  ]);
  return encodeDataUri(writeMaskPng(image, { colourType }));
}

Deno.test("ConvertPool converts masks on workers exactly as convertMask() does", async () => {
  using pool = new ConvertPool({ size: 2 });
  assert.equal(pool.inThread, false);
  const masks = [1, 2, 3, 4, 5, 6].map((seed) => maskUri(seed, ([2, 3, 6] as const)[seed % 3]));
  const options = { colourByBChannel: MAPPING };
  const [fromPool, inThread] = await Promise.all([
    Promise.all(masks.map((mask) => convert(pool, mask, options))),
    Promise.all(masks.map((mask) => convertMask(mask, options))),
  ]);
  for (const [i, png] of fromPool.entries()) {
    assertSameData(await decodePng(png), await decodePng(inThread[i]), `mask ${i}`);
  }
});

Deno.test("ConvertPool brings a worker's error back with its class and message", async () => {
  using pool = new ConvertPool({ size: 1 });
  const broken = maskUri(1, 6).replace(/.{8}$/, "AAAAAAAA");
  await assert.rejects(() => convert(pool, broken), errorWith(PngError, "fails its CRC check"));
  await assert.rejects(
    () => convert(pool, maskUri(1, 6), { maxPixels: -1 }),
    (error: unknown) => error instanceof RangeError && /limit of -1 pixels/.test(error.message),
  );
  assert.ok((await convert(pool, maskUri(2, 6))).length > 0, "the worker goes on after an error");
});

Deno.test("ConvertPool converts on the calling thread when its worker cannot load", async () => {
  const failing = await Deno.makeTempFile({ suffix: ".js" });
  try {
    await Deno.writeTextFile(failing, 'throw new Error("this worker cannot start");\n');
    using pool = new ConvertPool({ size: 2, workerUrl: toFileUrl(failing) });
    const masks = [1, 2, 3].map((seed) => maskUri(seed, 6));
    const pngs = await Promise.all(masks.map((mask) => convert(pool, mask)));
    assert.equal(pool.inThread, true);
    for (const [i, png] of pngs.entries()) {
      assertSameData(await decodePng(png), await decodePng(await convertMask(masks[i])));
    }
  } finally {
    await Deno.remove(failing);
  }
});

Deno.test("ConvertPool converts on the calling thread when its worker file is missing", async () => {
  const missing = new URL("./no_such_worker.js", import.meta.url);
  using pool = new ConvertPool({ size: 2, workerUrl: missing });
  assert.equal(pool.inThread, true);
  const mask = maskUri(3, 6);
  assertSameData(
    await decodePng(await convert(pool, mask)),
    await decodePng(await convertMask(mask)),
  );
});

Deno.test("ConvertPool rejects the jobs still waiting when it is closed", async () => {
  const pool = new ConvertPool({ size: 1 });
  const jobs = [1, 2, 3].map((seed) => convert(pool, maskUri(seed, 6)));
  pool.close();
  for (const job of jobs) await assert.rejects(() => job, errorWith(MasksError, "closed"));
  await assert.rejects(() => convert(pool, maskUri(1, 6)), errorWith(MasksError, "closed"));
});

Deno.test("ConvertPool sends an export's shared settings to each worker once, and converts as with whole jobs", async () => {
  const settings = { format: "rgb" as const, table: TABLE, colourByBChannel: MAPPING };
  const masks = [1, 2, 3, 4, 5, 6, 7].map((seed) => maskUri(seed, ([2, 3, 6] as const)[seed % 3]));
  const own = (mask: string) => ({
    mask: { kind: "png" as const, bytes: decodeDataUri(mask) },
    file: "a.png",
  });
  const whole = await Promise.all(
    masks.map((mask) => convertMask(mask, { colourByBChannel: MAPPING })),
  );
  using pool = new ConvertPool({ size: 2 });
  const shared = await withDeadline(
    Promise.all(masks.map((mask) => pool.render(own(mask), settings))),
    DEADLINE_MS,
    "7 masks on the pool, with shared settings",
  );
  for (const [i, rendered] of shared.entries()) {
    assertSameData(
      await decodePng(rendered.files[0].bytes),
      await decodePng(whole[i]),
      `mask ${i}`,
    );
  }

  // What the workers are sent: a worker that answers with what came with each job.
  const dir = await Deno.makeTempDir();
  try {
    const recorder = `${dir}/recorder.ts`;
    const jobs = new URL("../../lib/export/_pool_jobs.ts", import.meta.url).href;
    await Deno.writeTextFile(
      recorder,
      `import { SharedInputs } from "${jobs}";
       const shared = new SharedInputs();
       self.onmessage = ({ data }) => self.postMessage({
         id: data.id,
         result: { sent: data.shared?.fields !== undefined, input: shared.inputOf(data) },
       });`,
    );
    using recording = new ConvertPool({ size: 1, workerUrl: toFileUrl(recorder) });
    const answers = [];
    for (const file of ["a.png", "b.png", "c.png"]) {
      answers.push(
        await withDeadline(
          recording.render({ ...own(masks[0]), file }, settings),
          DEADLINE_MS,
          `${file} on the recording worker`,
        ),
      );
    }
    const seen = answers as unknown as { sent: boolean; input: { file: string; format: string } }[];
    assert.deepEqual(seen.map((answer) => answer.sent), [true, false, false]);
    assert.deepEqual(seen.map((answer) => [answer.input.file, answer.input.format]), [
      ["a.png", "rgb"],
      ["b.png", "rgb"],
      ["c.png", "rgb"],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
