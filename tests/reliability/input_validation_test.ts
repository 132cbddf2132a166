import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { LABELS, segmentationConfiguration } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { envFor, runCli, variedMaskTasks } from "./_fixtures.ts";

const DATE_FLAGS = ["created-at", "updated-at"].flatMap((field) =>
  ["gt", "gte", "lt", "lte"].map((op) => `--${field}-${op}`)
);
const CONFIGURATION = segmentationConfiguration("p1", LABELS);

/** Runs `export --project-id p1 <flags>` against a fake lab; returns the run and the lab's log. */
async function exportWith(flags: string[], tasks: Task[] = []) {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [{ configuration: CONFIGURATION, tasks }] });
  const ran = await runCli(["export", "--project-id", "p1", "--output-filename", "out", ...flags], {
    env: envFor(lab),
    cwd: dir.path,
  });
  assert.doesNotMatch(ran.stderr, /^\s+at /m, "no stack trace");
  return { ...ran, requests: lab.requests, files: await listFiles(dir.path) };
}

Deno.test("lab-masks takes dates in the SDK's form and in ISO 8601, on every date flag", async () => {
  const dates = [
    "2024-12-25 00:00:00",
    "2024-12-25",
    "2024-12-25T08:30:00Z",
    "2024-12-25T08:30:00.123+02:00",
    "2024-02-29T23:59",
  ];
  for (const [i, flag] of DATE_FLAGS.entries()) {
    const date = dates[i % dates.length];
    const ran = await exportWith([flag, date]);
    assert.equal(ran.code, 0, `${flag} ${date}: ${ran.stderr}`);
    const query = ran.requests.find((request) => request.path.endsWith("/tasks"))!.query;
    const [key, operator] = flag.slice(2).split(/-at-/);
    const sign = { gt: ">", gte: ">=", lt: "<", lte: "<=" }[operator];
    assert.deepEqual(query.getAll(`${key}At`), [`${sign}${date}`], flag);
  }
});

Deno.test("lab-masks refuses any other date, naming the flag, before any request (exit 2)", async () => {
  const bad = [
    "25/12/2024",
    "2024-12-25 25:00:00",
    "yesterday",
    "2023-02-29",
    "2024-12-25T10:00:00+25:00",
    "",
  ];
  for (const [i, date] of bad.entries()) {
    const flag = DATE_FLAGS[i % DATE_FLAGS.length];
    const ran = await exportWith([flag, date]);
    assert.equal(ran.code, 2, `${flag} ${JSON.stringify(date)}`);
    assert.match(ran.stderr, new RegExp(`^error: Option "${flag}" has an invalid date`, "m"));
    assert.equal(ran.requests.length, 0);
  }
});

Deno.test("lab-masks refuses empty list values and empty filters, naming the flag (exit 2)", async () => {
  const cases: [string, string][] = [
    ["--status-in", ""],
    ["--batch-id-in", ","],
    ["--task-id-in", " "],
    ["--name-in", "a.jpg,,b.jpg"],
    ["--optional-fields", "metrics,"],
    ["--name-like", ""],
    ["--data", "camera="],
    ["--properties", "=front"],
  ];
  for (const [flag, value] of cases) {
    const ran = await exportWith([flag, value]);
    assert.equal(ran.code, 2, `${flag} ${JSON.stringify(value)}: ${ran.stderr}`);
    assert.match(ran.stderr, new RegExp(`^error: Option "${flag}"`, "m"), flag);
    assert.equal(ran.requests.length, 0, flag);
  }
});

Deno.test("lab-masks takes semantic-mapping colours of three integers 0..255 only (exit 2)", async () => {
  const tasks = variedMaskTasks(2);
  for (const colour of ["[0, 0, 0]", "[255, 255, 255]"]) {
    const ran = await exportWith(["--semantic-mapping", `{"car": ${colour}}`], tasks);
    assert.equal(ran.code, 0, `${colour}: ${ran.stderr}`);
  }
  const bad = [
    "[256, 0, 0]",
    "[-1, 0, 0]",
    "[1, 2]",
    "[1, 2, 3, 4]",
    "[1.5, 0, 0]",
    '"red"',
    '["1", "2", "3"]',
    "null",
  ];
  for (const colour of bad) {
    const ran = await exportWith(["--semantic-mapping", `{"car": ${colour}}`], tasks);
    assert.equal(ran.code, 2, colour);
    assert.match(
      ran.stderr,
      /^error: The semantic mapping's colour for label "car" must be three integers 0\.\.255/m,
      colour,
    );
    assert.deepEqual(ran.files, [], `${colour}: nothing exported`);
  }
});

Deno.test("lab-masks refuses an --ignore-index outside 1..255, naming the flag, before any request (exit 2)", async () => {
  const cases: [string, string][] = [
    ["0", "0"],
    ["256", "256"],
    ["abc", '"abc"'],
    ["1.5", '"1.5"'],
  ];
  for (const [value, shown] of cases) {
    const ran = await exportWith(["--mask-format", "class-index", "--ignore-index", value]);
    assert.equal(ran.code, 2, `${value}: ${ran.stderr}`);
    assert.equal(
      ran.stderr,
      `error: Option "--ignore-index" is ${shown}: give a whole number from 1 to 255, above ` +
        "the project's class indices, or leave it out for 255\n",
    );
    assert.equal(ran.requests.length, 0, value);
    assert.deepEqual(ran.files, [], value);
  }
  const ran = await exportWith(["--mask-format", "class-index", "--ignore-index", "200"]);
  assert.equal(ran.code, 0, ran.stderr);
});
