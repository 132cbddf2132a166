import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import type { Task } from "../../lib/api/types.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodePng } from "../../lib/png/encode_png.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import type { RgbImage } from "../../lib/png/rgb_image.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";
import { segmentationProject } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { DENO_FILE_SYSTEM, type FileSystem } from "../../lib/model/file_system.ts";
import { envFor, exportFrom, runCli, spawnCli, variedMaskTasks } from "./_fixtures.ts";

// `test`: `Deno.test`, ignored on Windows: a child process cannot be sent SIGINT there.
const test = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

const TASK_COUNT = 250;

/** A 640×480 mask whose instance ids scatter over the image, so each takes a while to convert. */
function scatteredMask(seed: number): RgbImage {
  const width = 640;
  const height = 480;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const id = (Math.imul(i, 2654435761) + seed) >>> 26;
    if (id > 0) data.set([id, id, 1 + (id % 3)], i * 3);
  }
  return { width, height, data };
}

/**
 * Serves `target` on another loopback port, holding every request for task page 2 and beyond
 * until `release()`: the export can write page 1 only, so it is surely still running when killed.
 */
function holdingProxy(target: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const url = new URL(request.url);
    if (Number(url.searchParams.get("page") ?? 1) > 1) {
      await released;
      return new Response(null, { status: 503 });
    }
    const body = request.method === "GET" ? undefined : await request.text();
    return await fetch(new URL(url.pathname.slice(1) + url.search, target), {
      method: request.method,
      headers: request.headers,
      body,
    });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/`,
    async [Symbol.asyncDispose]() {
      release();
      await server.shutdown();
    },
  };
}

Deno.test("a SIGKILLed export leaves no partial PNG, and --resume completes it", async () => {
  await using dir = await tempDir();
  const images = [0, 1, 2, 3].map(scatteredMask);
  const masks = await Promise.all(
    images.map(async (image) => encodeDataUri(await encodePng(image))),
  );
  const tasks: Task[] = Array.from({ length: TASK_COUNT }, (_, i) => ({
    _id: `t${i}`,
    name: `scene/${i}.jpg`,
    data: { body: { mask: masks[i % masks.length] } },
  }));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  await using proxy = holdingProxy(lab.url);

  const cli = spawnCli(["export", "--project-id", "p1", "--output-filename", "out"], {
    env: { ...envFor(lab), ISAHIT_LAB_API_ENDPOINT: proxy.url },
    cwd: dir.path,
  });
  // The first progress line comes after a tenth of the tasks: masks are being written now.
  const progress = await cli.stderrLine(/^progress: /);
  assert.ok(progress, "the export reported progress");
  cli.child.kill("SIGKILL");
  const ended = await cli.finished();
  assert.equal(ended.signal, "SIGKILL");

  const files = await listFiles(`${dir.path}/out`);
  const pngs = files.filter((file) => file.endsWith(".png"));
  assert.ok(pngs.length >= TASK_COUNT / 10 && pngs.length <= 100, `${pngs.length} masks written`);
  for (const file of pngs) {
    const i = Number(/^scene\/(\d+)\.jpg\.png$/.exec(file)?.[1]);
    const written = await decodePng(await Deno.readFile(`${dir.path}/out/${file}`));
    assertSameData(written, images[i % images.length], `${file} is whole`);
  }

  await assertWholeManifest(`${dir.path}/out`, { required: false });
  const resumed = await resumeOut(lab, dir.path);
  assert.equal(resumed.code, 0, resumed.stderr);
  const all = (await listFiles(`${dir.path}/out`)).filter((file) => file.endsWith(".png"));
  assert.deepEqual(all, tasks.map((task) => `${task.name}.png`).sort());
  for (const [i, task] of tasks.entries()) {
    const written = await decodePng(await Deno.readFile(`${dir.path}/out/${task.name}.png`));
    assertSameData(written, images[i % images.length], task.name);
  }
  await assertWholeManifest(`${dir.path}/out`, { required: true });
});

/** Resumes the export `out` of project `p1` in `folder`, against the lab itself. */
function resumeOut(lab: FakeLab, folder: string) {
  const args = ["export", "--project-id", "p1", "--output-filename", "out", "--resume"];
  return runCli(args, { env: envFor(lab), cwd: folder });
}

/** The final manifest, written by a rename like the masks, is absent or whole: JSON lines only. */
async function assertWholeManifest(folder: string, options: { required: boolean }) {
  const text = await Deno.readTextFile(`${folder}/manifest.jsonl`).catch((error) => {
    if (error instanceof Deno.errors.NotFound && !options.required) return "";
    throw error;
  });
  for (const line of text.split("\n").filter((line) => line !== "")) JSON.parse(line);
}

test("Ctrl-C stops an export with exit 130, only whole PNGs, and a manifest --resume uses", async () => {
  await using dir = await tempDir();
  const image = scatteredMask(7);
  const mask = encodeDataUri(await encodePng(image));
  const tasks: Task[] = Array.from({ length: TASK_COUNT }, (_, i) => ({
    _id: `t${i}`,
    name: `scene/${i}.jpg`,
    data: { body: { mask } },
  }));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  await using proxy = holdingProxy(lab.url);
  const cli = spawnCli(["export", "--project-id", "p1", "--output-filename", "out"], {
    env: { ...envFor(lab), ISAHIT_LAB_API_ENDPOINT: proxy.url },
    cwd: dir.path,
  });
  assert.ok(await cli.stderrLine(/^progress: /), "the export reported progress");
  cli.child.kill("SIGINT");
  const ended = await cli.finished();
  assert.equal(ended.code, 130, ended.stderr);
  assert.match(
    ended.stderr,
    /^interrupted: the \d+ masks written are complete\. To finish the export, run:\n {2}.* --resume /m,
  );

  const files = await listFiles(`${dir.path}/out`);
  assert.ok(files.includes(".manifest.jsonl.part"), "the partial manifest stays for --resume");
  assert.ok(!files.includes("manifest.jsonl"));
  for (const file of files.filter((name) => name.endsWith(".png"))) {
    assertSameData(await decodePng(await Deno.readFile(`${dir.path}/out/${file}`)), image, file);
  }
  const part = await Deno.readTextFile(`${dir.path}/out/.manifest.jsonl.part`);
  const entries = part.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));
  assert.ok(entries.length >= 1);
  const resumed = await resumeOut(lab, dir.path);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`${entries.length} kept from the earlier run`));
  assert.equal(
    (await listFiles(`${dir.path}/out`)).filter((name) => name.endsWith(".png")).length,
    TASK_COUNT,
  );
});

Deno.test("a mask write that fails part-way leaves the earlier file whole and no partial file under its name", async () => {
  await using dir = await tempDir();
  const tasks: Task[] = variedMaskTasks(4).map((task) => ({
    ...task,
    updatedAt: "2024-12-01T00:00:00.000Z",
  }));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  await withDeadline(exportFrom(lab, dir.path), 60_000, "the first export");
  const earlier = await Deno.readFile(`${dir.path}/out/scene/1.jpg.png`);
  // Task 1 gets another mask; its new file's write dies half-way (a full disk, a crash).
  tasks[1] = { ...tasks[1], data: variedMaskTasks(3)[2].data, updatedAt: new Date().toISOString() };
  const failing: FileSystem = {
    ...DENO_FILE_SYSTEM,
    async writeFile(path, bytes, options) {
      if (!path.includes("1.jpg.png")) return DENO_FILE_SYSTEM.writeFile(path, bytes, options);
      await DENO_FILE_SYSTEM.writeFile(path, bytes.subarray(0, bytes.length >> 1), options);
      throw new Error("No space left on device");
    },
  };

  const summary = await withDeadline(
    exportFrom(lab, dir.path, {
      outputFolder: undefined,
      outputFilename: undefined,
      incremental: `${dir.path}/out`,
      fileSystem: failing,
    }),
    60_000,
    "the incremental export",
  );
  assert.equal(summary.failed, 1);
  assert.match(
    summary.failures[0].reason ?? "",
    /cannot be written to "scene\/1\.jpg\.png": No space/,
  );
  assertSameData(await Deno.readFile(`${dir.path}/out/scene/1.jpg.png`), earlier);
  assert.deepEqual(
    (await listFiles(`${dir.path}/out`)).filter((file) => file.endsWith(".tmp")),
    [],
    "the temporary file is removed",
  );
});
