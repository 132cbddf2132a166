import assert from "../_std/assert.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { labOf } from "./_fixtures.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import type { Task } from "../../lib/api/types.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

/** A number as the lab's JSON spells it: the fake lab's `JSON.stringify` writes the text as is. */
const raw = (text: string) => (JSON as unknown as { rawJSON(text: string): number }).rawJSON(text);

// The numbers as the lab's JSON writes them, each under its own key.
const NUMBERS: Record<string, number> = {
  small: raw("0.00005"),
  one: raw("1.0"),
  tiny: raw("1e-7"),
  huge: raw("1e16"),
  bigId: raw("12345678901234567890"),
  limit: raw("9007199254740993"),
  hundred: raw("1E2"),
  minusZero: raw("-0.0"),
  integer: raw("42"),
  half: raw("0.5"),
  big: raw("123456789012345678.0"),
  third: raw("0.3333333333333333"),
};

// Written by hand from Python 3: json.dumps(json.loads(text), indent=2) prints an int with every
// digit and a float with repr(), which keeps `.0`, and uses exponents below 1e-4 and from 1e16.
const EXPECTED_NUMBERS = `      "small": 5e-05,
      "one": 1.0,
      "tiny": 1e-07,
      "huge": 1e+16,
      "bigId": 12345678901234567890,
      "limit": 9007199254740993,
      "hundred": 100.0,
      "minusZero": -0.0,
      "integer": 42,
      "half": 0.5,
      "big": 1.2345678901234568e+17,
      "third": 0.3333333333333333`;

const TASK = {
  _id: "t1",
  name: "a.jpg",
  status: "complete",
  data: {
    body: { ...NUMBERS, list: [raw("2.0"), raw("3")] },
    metadata: { body: { both: { meta: raw("7.0") } } },
  },
  score: raw("1.5e-5"),
} as Task;

const EXPECTED = `[
  {
    "_id": "t1",
    "name": "a.jpg",
    "status": "complete",
    "data": {
${EXPECTED_NUMBERS},
      "list": [
        2.0,
        3
      ],
      "both": {
        "meta": 7.0
      }
    },
    "score": 1.5e-05
  }
]`;

Deno.test("export --format lab prints every number as Python's json.dumps does, integers exact", async () => {
  await using dir = await tempDir();
  await using lab = await labOf({ projectId: "p1", projectType: "iat-polyline" }, [TASK]);
  const common = ["export", "--format", "lab", "--output-folder", dir.path];
  const online = await runCli(
    [...common, "--project-id", "p1", "--output-filename", "online.json"],
    labEnv(lab),
  );
  assertEquals(online.code, 0, online.stderr);
  assertEquals(await Deno.readTextFile(`${dir.path}/online.json`), EXPECTED);
});

Deno.test("export --format lab --from-export prints the file's numbers as Python does", async () => {
  await using dir = await tempDir();
  // The lab's JSON export of the same task, as the API's JSON spells its numbers.
  await Deno.writeTextFile(`${dir.path}/tasks.json`, JSON.stringify([TASK], null, 1));
  await Deno.writeTextFile(
    `${dir.path}/config.json`,
    JSON.stringify({ projectId: "p1", projectType: "iat-polyline" }),
  );
  const offline = await runCli([
    "export",
    "--format",
    "lab",
    "--output-folder",
    dir.path,
    "--from-export",
    `${dir.path}/tasks.json`,
    "--config",
    `${dir.path}/config.json`,
    "--output-filename",
    "offline.json",
  ]);
  assertEquals(offline.code, 0, offline.stderr);
  assertEquals(await Deno.readTextFile(`${dir.path}/offline.json`), EXPECTED);
});

Deno.test("two one-file exports of a project in the same second get distinct default names", async () => {
  await using dir = await tempDir();
  await using lab = await labOf({ projectId: "p1", projectType: "iat-polyline" }, [TASK]);
  const now = new Date(2024, 11, 25, 8, 5, 9);
  const files: string[] = [];
  for (let run = 0; run < 3; run++) {
    const summary = await exportMasks({
      client: clientOf(lab),
      projectId: "p1",
      format: "lab",
      outputFolder: dir.path,
      now,
    });
    files.push(summary.file!.slice(dir.path.length + 1));
  }
  const time = Deno.build.os === "windows" ? "08-05-09" : "08:05:09";
  const stem = `lab_p1_2024-12-25_${time}`;
  assertEquals(files, [`${stem}.json`, `${stem}_2.json`, `${stem}_3.json`]);
  for (const file of files) assertEquals(await Deno.readTextFile(`${dir.path}/${file}`), EXPECTED);
});
