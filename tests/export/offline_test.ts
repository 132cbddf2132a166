import assert from "../_std/assert.ts";
import { runCli as cli } from "../_fixtures/run_cli.ts";
import { sha256 } from "../../lib/export/_task_exporter.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationConfiguration, segmentationProject } from "../_fixtures/project.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";

const TASKS = Array.from({ length: 230 }, (_, i) => ({
  ...maskTask(
    `t${i}`,
    `cam/${i}.jpg`,
    i % 50 === 7 ? undefined : encodeDataUri(
      writeMaskPng({
        width: 3,
        height: 1,
        data: new Uint8Array([1 + (i % 9), 1, 1 + (i % 3), 0, 0, 0, 2, 2, 2]),
      }, {
        colourType: i % 2 ? 6 : 2,
      }),
    ),
  ),
  status: i % 3 === 0 ? "reviewed" : "complete",
}));

/** The SDK's `format="lab"` shape: `data` is the body merged with `metadata.body`. */
function labFormat(tasks: typeof TASKS) {
  return tasks.map((task) => ({ ...task, data: task.data ? { ...task.data.body } : undefined }));
}

/** Runs `export --from-export <dir>/tasks.json --config <dir>/config.json`, then `flags`. */
function fromTasksFile(dir: string, flags: string[]) {
  const files = ["--from-export", `${dir}/tasks.json`, "--config", `${dir}/config.json`];
  return cli(["export", ...files, ...flags]);
}

async function digests(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of await listPngs(folder)) {
    files[file] = await sha256(await Deno.readFile(`${folder}/${file}`));
  }
  return files;
}

Deno.test("--from-export converts the SDK's JSON export and raw task documents offline, as the API export", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(
    `${dir.path}/config.json`,
    JSON.stringify(segmentationConfiguration("p1")),
  );
  await Deno.writeTextFile(`${dir.path}/lab.json`, JSON.stringify(labFormat(TASKS), null, 1));
  await Deno.writeTextFile(`${dir.path}/raw.json`, JSON.stringify(TASKS));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const online = await cli([
    "export",
    "--project-id",
    "p1",
    "--output-folder",
    dir.path,
    "--output-filename",
    "api",
    "--status-in",
    "complete",
  ], {
    ISAHIT_LAB_API_ACCESS_ID: lab.accessId,
    ISAHIT_LAB_API_SECRET_KEY: lab.secretKey,
    ISAHIT_LAB_API_ENDPOINT: lab.url,
  });
  assert.equal(online.code, 0, online.stderr);
  const expected = await digests(`${dir.path}/api`);
  assert.ok(Object.keys(expected).length > 100);
  for (const file of ["lab.json", "raw.json"]) {
    const offline = await cli([
      "export",
      "--from-export",
      `${dir.path}/${file}`,
      "--config",
      `${dir.path}/config.json`,
      "--output-folder",
      dir.path,
      "--output-filename",
      `out-${file}`,
      "--status-in",
      "complete",
    ]);
    assert.equal(offline.code, 0, offline.stderr);
    assert.match(offline.stdout, /153 tasks: 150 exported, 3 skipped \(no mask\), 0 failed/);
    assert.deepEqual(await digests(`${dir.path}/out-${file}`), expected, file);
  }
});

Deno.test("--from-export needs --config, and a configuration of the same project", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(`${dir.path}/tasks.json`, "[]");
  await Deno.writeTextFile(
    `${dir.path}/config.json`,
    JSON.stringify(segmentationConfiguration("p1")),
  );
  const missing = await cli(["export", "--from-export", `${dir.path}/tasks.json`]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /"--from-export" needs --config <file>/);
  const other = await fromTasksFile(dir.path, ["--project-id", "p2"]);
  assert.equal(other.code, 2);
  assert.match(other.stderr, /is project "p1"'s, not "p2"'s/);
  await Deno.writeTextFile(`${dir.path}/tasks.json`, '{"not": "an array"}');
  const notArray = await fromTasksFile(dir.path, []);
  assert.equal(notArray.code, 2);
  assert.match(notArray.stderr, /tasks\.json/);
});

Deno.test("--from-export names a task without a name by its id or position, and one whose name is not text by its JSON, and exports the others", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(
    `${dir.path}/config.json`,
    JSON.stringify(segmentationConfiguration("p1")),
  );
  const [first, second] = TASKS.slice(0, 2);
  const { name: _, ...nameless } = TASKS[3];
  const { name: __, _id: ___, ...anonymous } = TASKS[5];
  const odd = { ...TASKS[4], name: { a: 1 } };
  await Deno.writeTextFile(
    `${dir.path}/tasks.json`,
    JSON.stringify([first, anonymous, nameless, odd, second]),
  );
  for (const format of [[], ["--format", "yolo"]]) {
    const folder = `${dir.path}/${format.join("") || "masks"}`;
    const ran = await fromTasksFile(dir.path, ["--output-folder", folder, ...format]);
    assert.equal(ran.code, 1, ran.stderr);
    const skipped = format.length > 0 ? "0 skipped (no data)" : "0 skipped (no mask)";
    assert.ok(ran.stdout.includes(`5 tasks: 2 exported, ${skipped}, 3 failed`), ran.stdout);
    const kind = format.length > 0 ? "label file" : "mask file";
    // The task without an id is named by its index in the file, from 0.
    for (const id of ["#1", "t3"]) {
      const line = `failed: "" (${id}): its name is missing, so no ${kind} can be named after it`;
      assert.ok(ran.stdout.includes(line), ran.stdout);
    }
    const notText = `failed: "{\\"a\\":1}" (t4): its name is not text, so no ${kind} can be`;
    assert.ok(ran.stdout.includes(notText), ran.stdout);
    assert.doesNotMatch(ran.stdout + ran.stderr, /undefined|\[object /);
  }
});

Deno.test("--from-export refuses an element that is not a task (an object), naming it and what it is", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(
    `${dir.path}/config.json`,
    JSON.stringify(segmentationConfiguration("p1")),
  );
  const cases: [unknown, string][] = [["not a task", "text"], [7, "a number"], [null, "null"], [
    [TASKS[1]],
    "an array",
  ], [true, "a boolean"]];
  for (const [item, kind] of cases) {
    await Deno.writeTextFile(`${dir.path}/tasks.json`, JSON.stringify([TASKS[0], item]));
    const ran = await fromTasksFile(dir.path, ["--output-folder", `${dir.path}/out`]);
    assert.equal(ran.code, 2, ran.stdout);
    assert.ok(
      ran.stderr.includes(
        `tasks.json" holds ${kind} as its element 2, not a task (a JSON object): it is not a lab ` +
          "export as it was written",
      ),
      ran.stderr,
    );
  }
});

Deno.test("--from-export refuses a file that holds a task id twice, naming it, before the second takes the first's mask file", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(
    `${dir.path}/config.json`,
    JSON.stringify(segmentationConfiguration("p1")),
  );
  // Past the first page (100 tasks): the tasks before it were exported, each once.
  const tasks = [...TASKS.slice(0, 150), { ...TASKS[150], _id: "t3" }];
  await Deno.writeTextFile(`${dir.path}/tasks.json`, JSON.stringify(tasks));
  const folder = `${dir.path}/out`;
  const ran = await fromTasksFile(dir.path, ["--output-folder", folder]);
  assert.equal(ran.code, 2, ran.stdout);
  assert.match(
    ran.stderr,
    /The export file ".*tasks\.json" holds task "t3" twice \(again as its element 151\): a task id names one task/,
  );
  const written = await listPngs(folder);
  assert.ok(!written.some((path) => path.includes("150.jpg")), "the second t3 wrote nothing");
});

Deno.test("--from-export and --config read pipes, each once, as `<(…)` gives them", {
  ignore: Deno.build.os === "windows",
}, async () => {
  await using dir = await tempDir();
  const pipes = { tasks: `${dir.path}/tasks.pipe`, config: `${dir.path}/config.pipe` };
  for (const pipe of Object.values(pipes)) {
    assert.equal((await new Deno.Command("mkfifo", { args: [pipe] }).output()).code, 0);
  }
  const [ran] = await Promise.all([
    cli(["export", "--from-export", pipes.tasks, "--config", pipes.config, "-o", dir.path]),
    Deno.writeTextFile(pipes.config, JSON.stringify(segmentationConfiguration("p1"))),
    Deno.writeTextFile(pipes.tasks, JSON.stringify(TASKS.slice(0, 20))),
  ]);
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(ran.stdout, /20 tasks: 19 exported, 1 skipped \(no mask\), 0 failed/);
});
