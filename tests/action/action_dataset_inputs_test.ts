import assert from "../_std/assert.ts";
import { readInputs } from "../../action/inputs.ts";
import { classMapNote, splitRows } from "../../action/outputs.ts";
import { emptySummary } from "../../lib/model/empty_summary.ts";
import type { ExportSummary } from "../../lib/model/export_summary.ts";
import { loadAction } from "./_composite.ts";
import { errorWith } from "../_std/error_with.ts";
import { ConfigError } from "../../lib/errors.ts";

/**
 * Sets the Action's inputs as the runner does (`INPUT_<NAME>`, each input's default from
 * action.yml unless given), runs `body`, and clears them.
 */
async function withInputs<T>(given: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const action = await loadAction();
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    inputs[name] = given[name] ?? input.default ?? "";
  }
  const names = Object.keys(inputs).map((name) => `INPUT_${name.toUpperCase()}`);
  for (const [name, value] of Object.entries(inputs)) {
    Deno.env.set(`INPUT_${name.toUpperCase()}`, value);
  }
  try {
    return await body();
  } finally {
    for (const name of names) Deno.env.delete(name);
  }
}

const REQUIRED = {
  "access-id": "a",
  "secret-key": "s",
  "project-id": "p1",
  endpoint: "https://lab.example/",
};

Deno.test("the Action reads labelmap-from, allow-removed-labels, split and split-seed into the export's settings", async () => {
  const inputs = await withInputs({
    ...REQUIRED,
    "labelmap-from": "previous/export",
    "allow-removed-labels": "true",
    split: "train=80,val=20",
    "split-seed": "v2",
  }, readInputs);
  const { labelmapFrom, allowRemovedLabels, split, splitSeed } = inputs.settings;
  assert.deepEqual({ labelmapFrom, allowRemovedLabels, split, splitSeed }, {
    labelmapFrom: "previous/export",
    allowRemovedLabels: true,
    split: "train=80,val=20",
    splitSeed: "v2",
  });
  const empty = await withInputs({ ...REQUIRED, "allow-removed-labels": "false" }, readInputs);
  for (const key of ["labelmapFrom", "split", "splitSeed"] as const) {
    assert.equal(empty.settings[key], undefined, key);
  }
  assert.equal(empty.settings.allowRemovedLabels, false);
});

Deno.test("the job summary's split table gives each split's tasks, share and label shares", () => {
  const summary: ExportSummary = {
    ...emptySummary("p1", "/tmp/out", "rgb", false),
    splits: {
      train: { tasks: 4, labels: { car: 1, "<road>": 4 } },
      val: { tasks: 1, labels: { car: 1 } },
    },
  };
  const rows = splitRows(summary).map((row) => row.map((cell) => cell.data));
  assert.deepEqual(rows.slice(1), [
    ["<code>train</code>", "4", "80.0%", "&lt;road&gt; 100.0%, car 25.0%"],
    ["<code>val</code>", "1", "20.0%", "car 100.0%"],
  ]);
  assert.deepEqual(splitRows(emptySummary("p1", "/tmp/out", "rgb", false)), []);
});

Deno.test("the job summary says when the labels changed since the kept class map", () => {
  const summary = emptySummary("p1", "/tmp/out", "class-index", false);
  assert.equal(classMapNote(summary), undefined);
  const from = "/tmp/out/labelmap.json";
  summary.classMap = { from, added: [], reserved: [], changed: false };
  assert.equal(classMapNote(summary), undefined);
  summary.classMap = { from, added: ["bike"], reserved: ["<p>"], changed: true };
  assert.equal(
    classMapNote(summary),
    "The labels changed since the class map <code>/tmp/out/labelmap.json</code>: every earlier " +
      "label keeps its index; new: <code>bike</code>; reserved: <code>&lt;p&gt;</code>.",
  );
});

Deno.test("the Action reads max-page-memory in MiB into the lab client's maxPageParsedBytes", async () => {
  const inputs = await withInputs({ ...REQUIRED, "max-page-memory": "64" }, readInputs);
  assert.equal(inputs.maxPageParsedBytes, 64 * 1024 * 1024);
  const empty = await withInputs(REQUIRED, readInputs);
  assert.equal(empty.maxPageParsedBytes, undefined);
  await assert.rejects(
    () => withInputs({ ...REQUIRED, "max-page-memory": "0" }, readInputs),
    (error: unknown) => {
      errorWith(ConfigError, 'must be a whole number from 1 to 65536; got "0"')(error);
      assert.equal((error as ConfigError).setting, "maxPageParsedBytes");
      return true;
    },
  );
});

Deno.test("the Action reads max-task-size in MiB into the lab client's maxTaskBytes", async () => {
  const inputs = await withInputs({ ...REQUIRED, "max-task-size": "64" }, readInputs);
  assert.equal(inputs.maxTaskBytes, 64 * 1024 * 1024);
  const empty = await withInputs(REQUIRED, readInputs);
  assert.equal(empty.maxTaskBytes, undefined);
  await assert.rejects(
    () => withInputs({ ...REQUIRED, "max-task-size": "513" }, readInputs),
    (error: unknown) => {
      errorWith(ConfigError, 'must be a whole number from 1 to 512; got "513"')(error);
      assert.equal((error as ConfigError).setting, "maxTaskBytes");
      return true;
    },
  );
});
