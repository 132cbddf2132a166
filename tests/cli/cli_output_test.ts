import assert from "../_std/assert.ts";
import { run } from "../../cli.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { startProxyLab } from "../_fixtures/proxy_lab.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";

const MASK = encodeDataUri(
  writeMaskPng({ width: 2, height: 1, data: new Uint8Array([1, 1, 1, 0, 0, 0]) }, {
    colourType: 6,
  }),
);
const TASKS = [
  { ...maskTask("t1", "a.jpg", MASK), updatedAt: "2024-12-26T00:00:00.000Z" },
  { ...maskTask("t2", "b.jpg", MASK), updatedAt: "2024-12-26T00:00:00.000Z" },
  { ...maskTask("t3", "empty.jpg"), updatedAt: "2024-12-26T00:00:00.000Z" },
];

Deno.test("export --verbose prints one line per request with its query, status, time and attempt, and no secret", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", TASKS)],
    faults: { rate: 0.5, seed: 3, kinds: ["429"] },
  });
  const ran = await runCli(
    ["export", "--project-id", "p1", "-v", "--status-in", "complete", "-o", dir.path],
    labEnv(lab),
  );
  assert.equal(ran.code, 0, ran.stderr);
  const lines = ran.stderr.split("\n").filter((line) => /^(GET|POST) /.test(line));
  assert.equal(lines.length, lab.requests.length, ran.stderr);
  assert.match(lines[0], /^POST api\/user-manager\/auth\/login 201 \d+ ms \(attempt 1 of 5\)$/);
  assert.ok(
    lines.some((line) =>
      /^GET api\/task-manager\/tasks\?projectId=p1&statuses=complete&.* 200 \d+ ms \(attempt \d of 5\)$/
        .test(line)
    ),
    ran.stderr,
  );
  const retried = lines.filter((line) => / 429 /.test(line));
  assert.ok(retried.length > 0, "the seeded faults answered 429");
  for (const line of retried) {
    assert.match(line, /\(attempt (\d) of 5\); retrying in 0 s, attempt \d of 5$/);
  }
  assert.deepEqual(lab.findSecrets(ran.stdout + ran.stderr), []);
  assert.doesNotMatch(ran.stderr, /access_id|secret_key|Bearer/);
});

Deno.test("export without --verbose says in one line when a retry waits more than a second", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  let refused = false;
  await using proxy = startProxyLab(lab, (_request, url) => {
    if (refused || !url.pathname.endsWith("/project-configuration")) return undefined;
    refused = true;
    return new Response('{"message":"busy"}', { status: 503, headers: { "retry-after": "1.2" } });
  });
  const ran = await runCli(["export", "--project-id", "p1", "-o", dir.path], {
    ...labEnv(lab),
    ISAHIT_LAB_API_ENDPOINT: proxy.url,
  });
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(
    ran.stderr,
    /^lab answered 503 on GET api\/project-configuration-manager\/projects\/p1\/project-configuration; retrying in 1\.2 s, attempt 2 of 5$/m,
  );
  assert.doesNotMatch(ran.stderr, /^(GET|POST) /m, "no request lines without --verbose");
});

Deno.test("export -q prints only the summary on a successful run; -o sets the output folder", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const ran = await runCli(
    ["export", "--project-id", "p1", "-q", "-o", dir.path, "--output-filename", "out"],
    labEnv(lab),
  );
  assert.equal(ran.code, 0, ran.stderr);
  assert.equal(ran.stderr, "");
  assert.match(ran.stdout, /^Exported 2 masks to ".*\/out"$/m);
  assert.deepEqual(await listPngs(`${dir.path}/out`), ["a.jpg.png", "b.jpg.png"]);
});

Deno.test("-h, -V and near words: help, the version with Deno's, and the flag that was meant", async () => {
  const help = await runCli(["export", "-h"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /-o, --output-folder <dir>/);
  const version = await runCli(["-V"]);
  assert.equal(version.code, 0);
  assert.equal(version.stdout, `lab-masks 0.1.0 (Deno ${Deno.version.deno})\n`);
  const near: [string, RegExp][] = [
    ["--status", /did you mean "--status-in"\?/],
    ["--output", /did you mean "--output-folder" or "--output-filename"\?/],
    ["--force", /did you mean "--overwrite"\?/],
    ["--constructor", /Unknown option "--constructor"\. See/],
  ];
  for (const [flag, message] of near) {
    const ran = await runCli(["export", "--project-id", "p1", flag]);
    assert.equal(ran.code, 2, flag);
    assert.match(ran.stderr, message);
  }
  const both = await runCli(["export", "--project-id", "p1", "-v", "-q"]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /Choose one of "--verbose" and "--quiet"/);
});

Deno.test("export --json prints version 1, whole milliseconds, and the skipped tasks by name", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const ran = await runCli(["export", "--project-id", "p1", "--json", "-o", dir.path], labEnv(lab));
  assert.equal(ran.code, 0, ran.stderr);
  const summary = JSON.parse(ran.stdout);
  assert.equal(summary.version, 1);
  assert.equal(summary.interrupted, false);
  assert.ok(Number.isInteger(summary.durationMs), `durationMs ${summary.durationMs}`);
  assert.deepEqual(summary.skippedTasks, [
    { taskId: "t3", taskName: "empty.jpg", status: "skipped", reason: "no mask" },
  ]);
});

Deno.test("export --dry-run --json prints the plan as JSON: tasks, target paths, skipped", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const ran = await runCli(
    ["export", "--project-id", "p1", "--dry-run", "--json", "-o", dir.path, "--replace-extension"],
    labEnv(lab),
  );
  assert.equal(ran.code, 0, ran.stderr);
  const plan = JSON.parse(ran.stdout);
  assert.equal(plan.dryRun, true);
  assert.deepEqual(
    plan.plannedTasks.map((task: { taskId: string; file: string }) => [task.taskId, task.file]),
    [["t1", "a.png"], ["t2", "b.png"]],
  );
  assert.deepEqual(plan.skippedTasks.map((task: { taskId: string }) => task.taskId), ["t3"]);
  assert.deepEqual(plan.renamed, []);
  assert.equal((await Array.fromAsync(Deno.readDir(dir.path))).length, 0);
});

Deno.test("export accepts a date without seconds and sends it in the SDK's form", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const ran = await runCli(
    ["export", "--project-id", "p1", "--updated-at-gte", "2024-12-25 00:00", "-o", dir.path],
    labEnv(lab),
  );
  assert.equal(ran.code, 0, ran.stderr);
  const pages = lab.requests.filter((request) => request.path.endsWith("/tasks"));
  assert.deepEqual(pages[0].query.getAll("updatedAt"), [">=2024-12-25 00:00:00"]);
  assert.match(ran.stdout, /Exported 2 masks/);
});

Deno.test("export on a terminal hides the time left until a few tasks are done", async () => {
  await using dir = await tempDir();
  const tasks = Array.from({ length: 8 }, (_, i) => maskTask(`t${i}`, `f${i}.jpg`, MASK));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const env = labEnv(lab);
  let stderr = "";
  const code = await run(["export", "--project-id", "p1", "-o", dir.path, "--concurrency", "1"], {
    env: (name) => env[name],
    stdout: () => {},
    stderr: (text) => void (stderr += text),
    isTerminal: true,
  });
  assert.equal(code, 0, stderr);
  const first = stderr.split("\r").find((frame) => frame.startsWith("["));
  assert.match(first ?? "", / 1\/8 .* ETA --/);
  assert.match(stderr, / 8\/8 100% .* ETA 0s/);
});

Deno.test("run() passes its client settings to the lab client: retries and their delay", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", TASKS)],
    faults: { rate: 1, seed: 1, kinds: ["503"] },
  });
  const ran = await runCli(
    ["export", "--project-id", "p1", "-o", dir.path],
    labEnv(lab),
    { maxRetries: 2, retryDelayMs: 1 },
  );
  assert.equal(ran.code, 3, ran.stderr);
  assert.match(ran.stderr, /^error: .*503/m);
  // The first call after the login, tried 1 + 2 times: the default would try it 5 times.
  const failed = lab.requests.filter((request) => request.fault === "503");
  assert.equal(failed.length, 3, ran.stderr);
});
