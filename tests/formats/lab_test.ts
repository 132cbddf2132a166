import assert from "../_std/assert.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { sha256 } from "../../lib/export/_task_exporter.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { segmentationConfiguration } from "../_fixtures/project.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { labOf } from "./_fixtures.ts";
import type { Task } from "../../lib/api/types.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

const TASKS: Task[] = [
  {
    _id: "t1",
    projectId: "p1",
    name: "café/1.jpg",
    status: "complete",
    data: {
      createdAt: "2024-12-26T17:03:10.004Z",
      type: "default",
      body: { mask: "M", extra: null, both: { a: 1, b: 2 }, zero: 0 },
      metadata: { body: { extra: "meta", both: { b: 3, c: 4 }, only: [] } },
    },
    createdAt: "2024-12-20T09:12:44.120Z",
  },
  { _id: "t2", name: "never.jpg", status: "todo" },
  { _id: "t3", name: "empty.jpg", status: "todo", data: { body: {}, metadata: { body: {} } } },
];

// Written by hand from sdk-formats.md ("--format lab"): json.dump(indent=2), ASCII only, no final
// newline; `data` merged in place, `{}` appended last without data, `null` when both are empty.
const EXPECTED = `[
  {
    "_id": "t1",
    "projectId": "p1",
    "name": "caf\\u00e9/1.jpg",
    "status": "complete",
    "data": {
      "mask": "M",
      "extra": "meta",
      "both": {
        "b": 2,
        "c": 4,
        "a": 1
      },
      "zero": 0,
      "only": []
    },
    "createdAt": "2024-12-20T09:12:44.120Z"
  },
  {
    "_id": "t2",
    "name": "never.jpg",
    "status": "todo",
    "data": {}
  },
  {
    "_id": "t3",
    "name": "empty.jpg",
    "status": "todo",
    "data": null
  }
]`;

Deno.test("export --format lab writes the SDK's JSON array byte for byte", async () => {
  await using dir = await tempDir();
  await using lab = await labOf({ projectId: "p1", projectType: "iat-polyline" }, TASKS);
  const ran = await runCli(
    ["export", "--project-id", "p1", "--format", "lab", "--output-folder", `${dir.path}/deep/er`],
    labEnv(lab),
  );
  assertEquals(ran.code, 0, ran.stderr);
  const [name] = [...Deno.readDirSync(`${dir.path}/deep/er`)].map((entry) => entry.name);
  assert(/^lab_p1_\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d\.json$/.test(name), name);
  assertEquals(await Deno.readTextFile(`${dir.path}/deep/er/${name}`), EXPECTED);
  assert(ran.stdout.includes(`Exported 3 tasks to "${dir.path}/deep/er/${name}"`), ran.stdout);
});

Deno.test("exportMasks() with format lab follows filters and shards, and a dry run writes nothing", async () => {
  await using dir = await tempDir();
  await using lab = await labOf({ projectId: "p1", projectType: "form" }, TASKS);
  const base = { client: clientOf(lab), projectId: "p1", format: "lab" as const };
  const filtered = await exportMasks({
    ...base,
    filters: { statusIn: ["todo"] },
    outputFolder: dir.path,
    outputFilename: "todo.json",
  });
  assertEquals(filtered.exported, 2);
  const written = JSON.parse(await Deno.readTextFile(`${dir.path}/todo.json`));
  assertEquals(written.map((task: Task) => task._id), ["t2", "t3"]);
  const query = lab.requests.filter((request) => request.path.endsWith("/tasks")).at(-1)!.query;
  assertEquals(query.getAll("statuses"), ["todo"]);

  const shards = [];
  for (const index of [1, 2]) {
    const summary = await exportMasks({
      ...base,
      shard: { index, count: 2 },
      outputFolder: dir.path,
      outputFilename: `shard${index}.json`,
    });
    shards.push(
      ...(summary.folderCreated
        ? JSON.parse(await Deno.readTextFile(summary.file!)).map((task: Task) => task._id)
        : []),
    );
  }
  assertEquals(shards.sort(), ["t1", "t2", "t3"]);

  const dry = await exportMasks({ ...base, dryRun: true, outputFolder: `${dir.path}/dry` });
  assertEquals(dry.planned, 3);
  assertEquals(dry.folderCreated, false);
  assertEquals(await Deno.stat(`${dir.path}/dry`).catch(() => "absent"), "absent");
});

Deno.test("--format lab then --from-export gives the same masks as the online export", async () => {
  await using dir = await tempDir();
  const tasks: Task[] = Array.from({ length: 7 }, (_, i) => ({
    _id: `m${i}`,
    name: `cam/${i % 3}.jpg`,
    status: "complete",
    data: i === 4 ? undefined : {
      body: {
        mask: encodeDataUri(writeMaskPng({
          width: 3,
          height: 2,
          data: new Uint8Array([1, 1, 1 + (i % 3), 0, 0, 0, 2, 2, 2, 0, 0, 0, 3, 3, 1, i, i, 2]),
        }, { colourType: i % 2 ? 6 : 2 })),
      },
      metadata: { body: { camera: "front" } },
    },
  }));
  await using lab = await labOf(segmentationConfiguration("seg"), tasks);
  const common = ["--project-id", "seg", "--output-folder", dir.path];
  const online = await runCli(["export", ...common, "--output-filename", "online"], labEnv(lab));
  assertEquals(online.code, 0, online.stderr);
  const json = await runCli(
    ["export", ...common, "--format", "lab", "--output-filename", "seg.json"],
    labEnv(lab),
  );
  assertEquals(json.code, 0, json.stderr);
  await Deno.writeTextFile(
    `${dir.path}/config.json`,
    JSON.stringify(segmentationConfiguration("seg")),
  );
  const offline = await runCli([
    "export",
    ...common,
    "--output-filename",
    "offline",
    "--from-export",
    `${dir.path}/seg.json`,
    "--config",
    `${dir.path}/config.json`,
  ]);
  assertEquals(offline.code, 0, offline.stderr);
  const onlineFiles = await listPngs(`${dir.path}/online`);
  assertEquals(onlineFiles.length, 6);
  assertEquals(await listPngs(`${dir.path}/offline`), onlineFiles);
  for (const file of onlineFiles) {
    assertEquals(
      sha256(await Deno.readFile(`${dir.path}/offline/${file}`)),
      sha256(await Deno.readFile(`${dir.path}/online/${file}`)),
      file,
    );
  }
});

Deno.test("an interrupted --format lab export leaves no file, and --overwrite replaces one", async () => {
  await using dir = await tempDir();
  await using lab = await labOf({ projectId: "p1", projectType: "iat-polygon" }, TASKS);
  const controller = new AbortController();
  const target = `${dir.path}/tasks.json`;
  await assert.rejects(() =>
    exportMasks({
      client: clientOf(lab),
      projectId: "p1",
      format: "lab",
      outputFolder: dir.path,
      outputFilename: "tasks.json",
      signal: controller.signal,
      onProgress: (event) => event.type === "task" && controller.abort(),
    }), { name: "AbortError" });
  assertEquals([...Deno.readDirSync(dir.path)], []);
  await Deno.writeTextFile(target, "old");
  const ran = await runCli(
    ["export", "--project-id", "p1", "--format", "lab", "--output-folder", dir.path]
      .concat(["--output-filename", "tasks.json", "--overwrite"]),
    labEnv(lab),
  );
  assertEquals(ran.code, 0, ran.stderr);
  assertEquals(await Deno.readTextFile(target), EXPECTED);
  const unknown = await runCli(["export", "--project-id", "p1", "--format", "voc"], labEnv(lab));
  assertEquals(unknown.code, 2);
  assert(
    unknown.stderr.includes(
      'The format "voc" is unknown; choose one of mask, lab, yolo, yolo-seg, coco',
    ),
  );
});

Deno.test("--resume and --incremental are usage errors with a one-file format, before any request", async () => {
  await using dir = await tempDir();
  await using lab = await labOf({ projectId: "p1", projectType: "iat-polygon" }, TASKS);
  for (const flags of [["--resume", "--output-filename", "x.json"], ["--incremental", dir.path]]) {
    const ran = await runCli(
      ["export", "--project-id", "p1", "--format", "coco", ...flags],
      labEnv(lab),
    );
    assertEquals(ran.code, 2, ran.stderr);
    assert(ran.stderr.includes(`${flags[0]} is not supported with --format coco`), ran.stderr);
  }
  assertEquals(lab.requests.length, 0);
});
