import assert from "../_std/assert.ts";
import { errorWith } from "../_std/error_with.ts";
import { outputWithin } from "../_fixtures/deadline.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { HashedKeys } from "../../lib/_hashed_keys.ts";
import { PackedStrings } from "../../lib/_packed_strings.ts";
import { MAX_LISTED_TASKS } from "../../lib/model/export_summary.ts";
import { readManifest } from "../../lib/model/manifest.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";

for (const kept of ["hashes", "keys given back", "sized once"]) {
  Deno.test(`HashedKeys finds every key it holds, and no other, as it grows (${kept})`, () => {
    const names = Array.from({ length: 50_000 }, (_, i) => `folder/${i}.png`);
    const keys = new HashedKeys(
      kept === "hashes"
        ? {}
        : kept === "sized once"
        ? { most: 50_000 }
        : { keyOf: (number) => names[number % 50_000] },
    );
    names.forEach((name, i) => keys.add(name, i));
    keys.replace("folder/7.png", 7, 50_007);
    assert.equal(keys.size, 50_000);
    for (const [i, name] of names.entries()) {
      const isKey = (number: number) => names[number % 50_000] === name;
      assert.equal(keys.find(name, isKey), i === 7 ? 50_007 : i);
      assert.equal(keys.find(name.toUpperCase(), () => false), undefined);
    }
    if (kept === "sized once") {
      // Room for the 50,000 keys asked for, at most three quarters full; then it refuses to grow.
      assert.throws(() => {
        for (let i = 50_000;; i++) keys.add(`more/${i}`, i);
      }, errorWith(RangeError, "sized once"));
      assert.equal(keys.size, 131_072 * 3 / 4);
    }
  });
}

Deno.test("PackedStrings gives back, and compares, every string it holds: hex ids, other text, a lone surrogate", () => {
  const strings = new PackedStrings();
  const texts = Array.from(
    { length: 20_000 },
    (_, i) =>
      i % 5 === 0
        ? `Task ${i} é 🚗`
        : i % 5 === 1
        ? (i * 7919).toString(16).toUpperCase()
        : i % 5 === 2
        ? `${i.toString(16)}0`
        : (0x650000000000 + i).toString(16).padStart(24, "0"),
  );
  texts.push("", "ab\ud800cd", "0", "abc");
  const numbers = texts.map((text) => strings.push(text));
  assert.deepEqual(numbers, texts.map((_, i) => i));
  assert.equal(strings.size, texts.length);
  for (const [i, text] of texts.entries()) {
    assert.equal(strings.get(i), text);
    // Compared in place, byte for byte: the same text only, not a prefix, an extension, a case.
    assert.ok(strings.equals(i, text), `${i}: ${text}`);
    for (const other of [`${text}0`, text.slice(0, -1), text.toUpperCase(), texts[i + 1] ?? "x"]) {
      if (other !== text) assert.ok(!strings.equals(i, other), `${i}: ${text} is not ${other}`);
    }
  }
  assert.throws(() => strings.get(texts.length), RangeError);
});

Deno.test("MaskFileRegistry holds under 100 bytes per task for 40,000 tasks", async () => {
  const output = await outputWithin(
    Deno.execPath(),
    {
      args: [
        "run",
        "--v8-flags=--expose-gc",
        fromFileUrl(new URL("_retained_names.ts", import.meta.url)),
        "40000",
      ],
      stderr: "inherit",
    },
    120_000,
    "the measure of file names",
  );
  assert.ok(output.success);
  const { bytesPerTask } = JSON.parse(new TextDecoder().decode(output.stdout));
  // The names as strings in a Map held about 140 bytes per task.
  assert.ok(bytesPerTask > 0 && bytesPerTask <= 100, `${bytesPerTask} bytes per task`);
});

/** How many bytes per task one measure of `_retained_manifest.ts` holds (`folder`: the manifest's). */
async function retainedByManifest(folder: string, measure: string): Promise<number> {
  const output = await outputWithin(
    Deno.execPath(),
    {
      args: [
        "run",
        "--v8-flags=--expose-gc",
        `--allow-read=${folder}`,
        `--allow-write=${folder}`,
        fromFileUrl(new URL("_retained_manifest.ts", import.meta.url)),
        folder,
        "40000",
        measure,
      ],
      stderr: "inherit",
    },
    120_000,
    `the measure "${measure}"`,
  );
  assert.ok(output.success, measure);
  return JSON.parse(new TextDecoder().decode(output.stdout)).bytesPerTask;
}

Deno.test("a resumed or incremental export holds under 100 bytes per entry of a 40,000-task earlier manifest", async () => {
  await using dir = await tempDir();
  const streamed = await retainedByManifest(dir.path, "streamed");
  assert.ok(streamed > 0 && streamed <= 100, `${streamed} bytes per entry`);
  // The same measure sees the entries parsed whole, as exports read them before.
  const whole = await retainedByManifest(dir.path, "whole");
  assert.ok(whole > 300, `parsed whole: ${whole} bytes per entry`);
});

Deno.test("a resumed run of 40,000 tasks holds under 100 bytes per task for its earlier manifest and file names together", async () => {
  await using dir = await tempDir();
  const resumed = await retainedByManifest(dir.path, "resumed");
  // With task ids kept as strings (twice: from the earlier manifest, then from the tasks) and an
  // index of five numbers an entry, the same state measured about 170 bytes a task.
  assert.ok(resumed > 0 && resumed <= 100, `${resumed} bytes per task`);
});

Deno.test("exportMasks() lists the first 1,000 skipped tasks in task order, counts the rest, and the manifest has them all", async () => {
  await using dir = await tempDir();
  const mask = encodeDataUri(
    writeMaskPng({ width: 1, height: 1, data: new Uint8Array([1, 0, 1]) }, { colourType: 2 }),
  );
  const count = MAX_LISTED_TASKS + 50;
  const tasks = Array.from(
    { length: count },
    (_, i) => maskTask(`t${i}`, `f${i}.jpg`, i === 0 ? mask : undefined),
  );
  const summary = await exportOnce(segmentationProject("p1", tasks), dir.path);
  assert.equal(summary.skipped, count - 1);
  assert.deepEqual(
    summary.skippedTasks.map((task) => task.taskId),
    Array.from({ length: MAX_LISTED_TASKS }, (_, i) => `t${i + 1}`),
  );
  assert.deepEqual(summary.unlisted, { skippedTasks: count - 1 - MAX_LISTED_TASKS });
  const entries = await readManifest(`${dir.path}/out/manifest.jsonl`, "test");
  assert.equal(entries.filter((entry) => entry.outcome === "skipped: no mask").length, count - 1);
});
