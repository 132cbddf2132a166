/**
 * `--incremental <folder>` needs only the folder: the earlier export's `export.json` gives the
 * rest, and only a setting given that conflicts with it is refused. The "already exists" error
 * names the way to it, and the command it suggests runs.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { segmentationConfiguration } from "../_fixtures/project.ts";
import { labEnv, outputFlags, runCli } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

/** A 2×1 mask: instance `id` of bChannel `b` on the left pixel. */
function mask(id: number, b: number): string {
  const data = new Uint8Array([id, id, b, 0, 0, 0]);
  return encodeDataUri(writeMaskPng({ width: 2, height: 1, data }, { colourType: 2 }));
}

function task(id: string, name: string, b: number, updatedAt: string, status = "complete"): Task {
  return { _id: id, name, status, updatedAt, data: { body: { mask: mask(1, b) } } };
}

/** Asserts the command line refuses `args` with a usage error (exit 2) that says `message`. */
async function assertRefused(lab: FakeLab, args: string[], message: string): Promise<void> {
  const ran = await runCli(args, labEnv(lab));
  assertEquals(ran.code, 2, ran.stdout);
  assert.ok(ran.stderr.includes(message), ran.stderr);
}

Deno.test("--incremental <folder> alone updates an export with the settings it was made with", async () => {
  await using dir = await tempDir();
  const old = "2024-12-01T00:00:00.000Z";
  const tasks: Task[] = [
    task("t1", "a.jpg", 1, old),
    task("t2", "b.jpg", 2, old),
    task("t3", "c.jpg", 3, old, "todo"),
  ];
  await using lab = await startFakeLab({
    projects: [{ configuration: segmentationConfiguration("seg"), tasks }],
  });
  const first = [
    "export",
    "--project-id",
    "seg",
    "--status-in",
    "complete",
    "--replace-extension",
    "--mask-format",
    "class-index",
    ...outputFlags(dir.path, "out"),
  ];
  assertEquals((await runCli(first, labEnv(lab))).code, 0);

  // The same command again: the error says how to update the folder instead.
  await assertRefused(
    lab,
    first,
    "to update it, give its path to --incremental in place of --output-folder and " +
      "--output-filename",
  );
  const folder = `${dir.path}/out`;

  tasks[1] = task("t2", "b.jpg", 3, new Date().toISOString());
  tasks.push(task("t4", "d.jpg", 2, new Date().toISOString()));
  const before = lab.requests.length;
  const update = await runCli(["export", "--incremental", folder], labEnv(lab));
  assertEquals(update.code, 0, update.stderr);
  const pages = lab.requests.slice(before).filter((request) => request.path.endsWith("/tasks"));
  // The first page asks for the earlier export's filter, of its project.
  assertEquals(pages[0].query.getAll("statuses"), ["complete"]);
  assertEquals(pages[0].query.get("projectId"), "seg");
  // Named a.png, not a.jpg.png, and class-index: grey, class 3 (road) for bChannel 3.
  const names = [...Deno.readDirSync(folder)].map((entry) => entry.name).sort();
  assertEquals(names.filter((name) => name.endsWith(".png")), ["a.png", "b.png", "d.png"]);
  const updated = await decodePng(await Deno.readFile(`${folder}/b.png`));
  assertEquals([...updated.data.subarray(0, 3)], [3, 3, 3]);
  const metadata = JSON.parse(await Deno.readTextFile(`${folder}/export.json`));
  assertEquals([metadata.projectId, metadata.maskFormat], ["seg", "class-index"]);
  assertEquals(metadata.settings.filters, { statusIn: ["complete"] });
});

Deno.test("--incremental refuses only a given setting that conflicts with the earlier export", async () => {
  await using dir = await tempDir();
  const tasks: Task[] = [task("t1", "a.jpg", 1, "2024-12-01T00:00:00.000Z")];
  await using lab = await startFakeLab({
    projects: [
      { configuration: segmentationConfiguration("seg"), tasks },
      { configuration: segmentationConfiguration("other"), tasks },
    ],
  });
  const first = ["export", "--project-id", "seg", "--mask-format", "class-index"];
  const made = await runCli(
    [...first, ...outputFlags(dir.path, "out")],
    labEnv(lab),
  );
  assertEquals(made.code, 0, made.stderr);
  const folder = `${dir.path}/out`;

  const same = await runCli([...first, "--incremental", folder], labEnv(lab));
  assertEquals(same.code, 0, same.stderr);

  await assertRefused(
    lab,
    ["export", "--incremental", folder, "--mask-format", "rgb"],
    'Cannot update this export incrementally with another maskFormat: it was made with "class-index", ' +
      `this run asks "rgb"; leave it out to keep the earlier export's, or run a full export`,
  );

  await assertRefused(
    lab,
    ["export", "--incremental", folder, "--project-id", "other"],
    'Cannot update the export of project "seg" with --project-id "other"; leave it out, or ' +
      'run a full export of "other"',
  );
});

Deno.test("--incremental <folder> keeps the earlier export's split and seed", async () => {
  await using dir = await tempDir();
  const old = "2024-12-01T00:00:00.000Z";
  const tasks: Task[] = Array.from({ length: 6 }, (_, i) => task(`t${i}`, `f${i}.jpg`, 1, old));
  await using lab = await startFakeLab({
    projects: [{ configuration: segmentationConfiguration("seg"), tasks }],
  });
  const made = await runCli([
    "export",
    "--project-id",
    "seg",
    "--split",
    "train=50,val=50",
    "--split-seed",
    "s1",
    ...outputFlags(dir.path, "out"),
  ], labEnv(lab));
  assertEquals(made.code, 0, made.stderr);
  const folder = `${dir.path}/out`;
  const splitOf = async () =>
    Object.fromEntries(
      (await Deno.readTextFile(`${folder}/manifest.jsonl`)).trim().split("\n")
        .map((line) => JSON.parse(line)).map((entry) => [entry.taskId, entry.split]),
    );
  const before = await splitOf();
  const splits = Object.values(before);
  assert.ok(splits.every((split) => split === "train" || split === "val"), String(splits));
  tasks[0] = task("t0", "f0.jpg", 2, new Date().toISOString());
  const update = await runCli(["export", "--incremental", folder], labEnv(lab));
  assertEquals(update.code, 0, update.stderr);
  assertEquals(await splitOf(), before);
  const metadata = JSON.parse(await Deno.readTextFile(`${folder}/export.json`));
  assertEquals(metadata.settings.split.seed, "s1");
});
