import { deflateSync } from "node:zlib";
import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { MasksError, PngError } from "../../lib/errors.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { type MaskJob, type RenderedMask, runMaskJob, sha256 } from "../../lib/export/_mask_job.ts";
import { MASK_FORMATS, renderMask } from "../../lib/export/mask_format.ts";
import type { MaskStats } from "../../lib/model/mask_stats.ts";
import { writePng } from "../../lib/png/_chunks.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { rasterizeShapes } from "../../lib/raster/rasterize_shapes.ts";
import { shapesOfAnnotations } from "../../lib/raster/shapes_of_annotations.ts";
import type { RgbImage } from "../../lib/png/rgb_image.ts";
import { drawMask, type MaskPngOptions, writeMaskPng } from "../../testing/mask_png.ts";
import { FLAVOURS, MAPPING, maskJobOf, TABLE } from "../_fixtures/mask_job.ts";

// One contract, three ways to run it: the job itself, the pool's workers, and the pool falling
// back to this thread where its worker file is missing (as in the bundled Action).
const RUNNERS: [string, () => { render(job: MaskJob): Promise<unknown>; close(): void }][] = [
  ["runMaskJob()", () => ({ render: runMaskJob, close() {} })],
  ["ConvertPool on workers", () => new ConvertPool({ size: 2 })],
  [
    "ConvertPool on this thread",
    () => new ConvertPool({ workerUrl: new URL("./no_such_worker.js", import.meta.url) }),
  ],
];

/** Instances of known and unknown bChannels, edges in every direction, an instance split in two. */
function scene(width: number, height: number) {
  return drawMask({ width, height }, [
    { id: 3, bChannel: 2, circle: [width / 2, height / 2, Math.min(width, height) / 3] },
    { id: 254, bChannel: 9, rect: [0, 0, Math.ceil(width / 4), height] },
    { id: 7, bChannel: 5, rect: [width - 3, 1, width, height / 2] },
    // A labelled instance along the right edge: a run that ends with the row.
    { id: 9, bChannel: 9, rect: [width - 5, height / 2, width, height] },
    { id: 3, bChannel: 1, rect: [1, height - 2, width - 1, height] },
    { id: 200, bChannel: 1, circle: [width / 4, height / 5, height / 6] },
  ]);
}

/** The masks: every fixture flavour, every filter, and one tall enough for many strips. */
async function masks(): Promise<[string, Uint8Array][]> {
  const fixtures: { file: string }[] = JSON.parse(
    await Deno.readTextFile(new URL("index.json", FLAVOURS)),
  );
  const list: [string, Uint8Array][] = [];
  for (const { file } of fixtures) list.push([file, await Deno.readFile(new URL(file, FLAVOURS))]);
  const filters: MaskPngOptions["filter"][] = [0, 1, 2, 3, 4, "cycle"];
  for (const colourType of [2, 6] as const) {
    for (const filter of filters) {
      list.push([
        `61×47 colour type ${colourType}, filter ${filter}`,
        writeMaskPng(scene(61, 47), { colourType, filter }),
      ]);
    }
  }
  for (const colourType of [2, 6] as const) {
    const png = writeMaskPng(scene(400, 700), { colourType, filter: "cycle" });
    list.push([`400×700 colour type ${colourType}, filters cycling`, png]);
  }
  return list;
}

/** The statistics as the export read them before the kernels did: one pixel at a time. */
function referenceStats(image: RgbImage): MaskStats {
  const firstB = new Map<number, number>();
  const bSeen = new Set<number>();
  for (let i = 0; i < image.data.length; i += 3) {
    const [r, , b] = image.data.subarray(i, i + 3);
    if (r === 0) continue;
    bSeen.add(b);
    if (!firstB.has(r)) firstB.set(r, b);
  }
  const instances: Record<string, string | null> = {};
  for (const r of [...firstB.keys()].sort((x, y) => x - y)) {
    instances[String(r)] = TABLE.labelByBChannel[firstB.get(r)!] ?? null;
  }
  const labels = TABLE.classes
    .filter((entry) => bSeen.has(entry.bChannel))
    .map((entry) => entry.id);
  const bChannels = [...bSeen].sort((x, y) => x - y);
  return { labels, instanceCount: firstB.size, instances, bChannels };
}

/** What a job must give, from the general decoder, the reference statistics and renderMask(). */
async function expected(image: RgbImage, job: MaskJob) {
  const stats = referenceStats(image);
  const files = await renderMask(image, job.file, { ...job, stats });
  return { width: image.width, height: image.height, stats, files };
}

async function assertRendered(rendered: unknown, image: RgbImage, job: MaskJob): Promise<void> {
  const actual = rendered as Awaited<ReturnType<typeof runMaskJob>>;
  const wanted = await expected(image, job);
  assert.deepEqual(actual.stats, wanted.stats, "statistics");
  assert.deepEqual([actual.width, actual.height], [wanted.width, wanted.height], "size");
  assert.deepEqual(actual.files.map((file) => file.path), wanted.files.map((file) => file.path));
  for (const [i, file] of actual.files.entries()) {
    assert.equal(file.sha256, sha256(file.bytes), `${file.path}: its hash`);
    if (job.format === "rgb") {
      // rgb promises the pixels (a plain RGB mask is written as it came); the others the bytes.
      assertSameData(await decodePng(file.bytes), await decodePng(wanted.files[i].bytes));
    } else {
      assertSameData(file.bytes, wanted.files[i].bytes, `${file.path}: its bytes`);
    }
  }
}

for (const [name, start] of RUNNERS) {
  Deno.test(`${name} renders every format as decodePng(), the statistics and renderMask() do`, async (t) => {
    const runner = start();
    try {
      for (const [label, png] of await masks()) {
        const image = await decodePng(png);
        await t.step(label, async () => {
          for (const format of MASK_FORMATS) {
            for (const mapping of format === "rgb" ? [undefined, MAPPING] : [undefined]) {
              const job = maskJobOf(png, format, mapping);
              await assertRendered(await runner.render(job), image, job);
            }
          }
        });
      }
    } finally {
      runner.close();
    }
  });

  Deno.test(`${name} renders a vector task's shapes as rasterizeShapes() draws them`, async () => {
    const runner = start();
    try {
      const annotations = [{
        id: "a1",
        labels: { Objects: { labels: [{ id: "person", name: "Person" }] } },
        polygons: [{ geometry: { vertices: [0.1, 0.1, 0.9, 0.2, 0.5, 0.9] } }],
      }];
      const job: MaskJob = {
        mask: {
          kind: "shapes",
          geometry: "polygon",
          annotations,
          image: { width: 40, height: 30 },
        },
        bChannelByLabel: new Map([["person", 2]]),
        file: "v.png",
        format: "class-index",
        table: TABLE,
      };
      const shapes = shapesOfAnnotations(annotations, {
        kind: "polygon",
        bChannelOf: (labelIds) => labelIds[0] === "person" ? 2 : undefined,
      });
      const image = rasterizeShapes(shapes, { width: 40, height: 30 });
      assert.ok(image.data.some((byte) => byte !== 0));
      await assertRendered(await runner.render(job), image, job);
    } finally {
      runner.close();
    }
  });

  Deno.test(`${name} reports a bad mask with the class and message of decodePng()`, async (t) => {
    const runner = start();
    try {
      const tall = scanlines(64, 1500);
      const cases: [string, Uint8Array][] = [
        ["a CRC", corruptCrc(writeMaskPng(scene(20, 10), { colourType: 6 }))],
        ["a filter type in a late strip", rgbaPng(64, 1500, withFilter(tall, 64, 1400, 7))],
        ["data cut short in a late strip", rgbaPng(64, 1500, tall.subarray(0, 1300 * 257))],
        [
          "data cut short after a bad filter type",
          rgbaPng(64, 1500, withFilter(tall, 64, 20, 9).subarray(0, 1300 * 257)),
        ],
        ["more data than the image", rgbaPng(64, 1500, new Uint8Array(1501 * 257))],
        ["not zlib", rgbaPng(64, 1500, tall, { corruptZlib: true })],
      ];
      for (const [label, png] of cases) {
        await t.step(label, async () => {
          const error = await decodePng(png).then(() => undefined, (error) => error);
          assert.ok(error instanceof PngError, "decodePng() refuses it");
          for (const format of ["rgb", "class-index"] as const) {
            for (const mapping of format === "rgb" ? [undefined, MAPPING] : [undefined]) {
              await assert.rejects(
                () => runner.render(maskJobOf(png, format, mapping)),
                (thrown: unknown) => thrown instanceof PngError && thrown.message === error.message,
              );
            }
          }
        });
      }
      await t.step(
        "a mask of another size than the task's image is rendered, with a warning",
        async () => {
          for (const format of ["rgb", "class-index"] as const) {
            const job = { ...maskJobOf(writeMaskPng(scene(20, 10), { colourType: 6 }), format) };
            job.mask = { ...job.mask, image: { width: 21, height: 10 } } as MaskJob["mask"];
            const rendered = await runner.render(job) as RenderedMask;
            assert.deepStrictEqual([rendered.width, rendered.height], [20, 10], format);
            assert.strictEqual(
              rendered.warning,
              "the mask is 20×10 but the task's image is 21×10; it was exported at its own size",
            );
          }
        },
      );
      await t.step("shapes without an image size", async () => {
        const job: MaskJob = {
          mask: { kind: "shapes", geometry: "polygon", annotations: [] },
          file: "v.png",
          format: "rgb",
          table: TABLE,
        };
        await assert.rejects(
          () => runner.render(job),
          (thrown: unknown) =>
            thrown instanceof MasksError && thrown.message.startsWith("its image size is missing"),
        );
      });
    } finally {
      runner.close();
    }
  });
}

Deno.test("runMaskJob() writes every format but rgb through the kernels' strip reader with the bytes, statistics and thumbnail of the general decoder, for every flavour", async (t) => {
  for (const [label, png] of await masks()) {
    await t.step(label, async () => {
      for (const format of MASK_FORMATS.filter((format) => format !== "rgb")) {
        const job = () => ({ ...maskJobOf(png, format), preview: true });
        const fast = await runMaskJob(job());
        const general = await runMaskJob(job(), { generalDecoder: true });
        assert.deepEqual(fast.stats, general.stats, `${format}: statistics`);
        assert.deepEqual(fast.preview, general.preview, `${format}: thumbnail`);
        assert.deepEqual(fast.segments, general.segments, `${format}: panoptic segments`);
        assert.deepEqual(fast.files.map((file) => file.path), general.files.map((f) => f.path));
        for (const [i, file] of fast.files.entries()) {
          assertSameData(file.bytes, general.files[i].bytes, `${format}: ${file.path}`);
          assert.equal(file.sha256, general.files[i].sha256);
        }
      }
    });
  }
});

/** RGBA scanlines (filter None) of a busy pattern, `width` × `height`. */
function scanlines(width: number, height: number): Uint8Array {
  const stride = width * 4 + 1;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rows.set([(x * 7 + y) % 256, 3, (x + y) % 5, 255], y * stride + 1 + x * 4);
    }
  }
  return rows;
}

function withFilter(rows: Uint8Array, width: number, row: number, type: number): Uint8Array {
  const changed = rows.slice();
  changed[row * (width * 4 + 1)] = type;
  return changed;
}

/** An 8-bit RGBA PNG around the given scanlines. */
function rgbaPng(
  width: number,
  height: number,
  rows: Uint8Array,
  options: { corruptZlib?: boolean } = {},
): Uint8Array {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const idat = deflateSync(rows);
  if (options.corruptZlib) idat.fill(0xff, idat.length >> 1, (idat.length >> 1) + 8);
  return writePng([
    { type: "IHDR", data: ihdr },
    { type: "IDAT", data: idat },
    { type: "IEND", data: new Uint8Array(0) },
  ]);
}

function corruptCrc(png: Uint8Array): Uint8Array {
  const bad = png.slice();
  bad[40] ^= 1;
  return bad;
}
