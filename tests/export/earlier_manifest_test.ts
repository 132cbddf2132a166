import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { errorWith } from "../_std/error_with.ts";
import { ConfigError } from "../../lib/errors.ts";
import { EarlierManifest } from "../../lib/export/_earlier_manifest.ts";
import { ExclusiveReads } from "../../lib/export/_exclusive_reads.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { fileLineChunks } from "../../lib/export/_file_lines.ts";
import { type ManifestLines, unwrittenLines } from "../../lib/export/_unwritten_lines.ts";
import { ExportFolderFs } from "../../lib/model/export_folder_fs.ts";
import { type ManifestEntry, parseManifest } from "../../lib/model/manifest.ts";

function entry(taskId: string, padding = 0): ManifestEntry {
  const path = `folder/${taskId}.jpg.png`;
  return {
    taskId,
    name: `${taskId}.jpg`,
    outcome: "exported",
    path,
    files: [{ path, sha256: "ab".repeat(32) }],
    labels: ["x".repeat(padding)],
  };
}

/** Writes `text` as the folder's manifest.jsonl and reads it both ways. */
async function readBoth(folder: string, text: string) {
  await Deno.writeTextFile(`${folder}/manifest.jsonl`, text);
  const files = new ExportFolderFs(folder);
  const whole = parseManifest(text, files.pathOf("manifest.jsonl"), "resume");
  const earlier = await EarlierManifest.read(files, "manifest.jsonl", "resume");
  return { whole, earlier };
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of items) list.push(item);
  return list;
}

Deno.test("EarlierManifest reads the entries parseManifest() reads: a line of 150 KB, CRLF, blank lines and a last line cut short (lines across its reads: the test of several megabytes)", async () => {
  await using dir = await tempDir();
  const entries = Array.from({ length: 700 }, (_, i) => entry(`t${i}`, i === 350 ? 150_000 : i));
  const lines = entries.map((one, i) => `${JSON.stringify(one)}${i % 3 === 0 ? "\r" : ""}\n`);
  lines.splice(10, 0, "\n", "  \n");
  const text = `${lines.join("")}{"taskId":"cut sh`;
  const { whole, earlier } = await readBoth(dir.path, text);
  using _ = earlier;
  assert.ok(text.length > 5 * 64 * 1024);
  assert.ok(lines.some((line) => line.length > 150_000), "the long line");
  assert.equal(whole.length, 700);
  assert.equal(earlier.size, 700);
  assertSameData(await all(earlier.entries()), whole, "the entries");
  // Found by id in any order, each as it was; an unknown id has no entry.
  for (const i of [699, 0, 350, 351, 12]) assert.deepEqual(await earlier.take(`t${i}`), whole[i]);
  assert.equal(await earlier.take("t700"), undefined);
  const left = await all(earlier.leftOver());
  assert.deepEqual(
    left.map((one) => one.entry.taskId),
    whole.map((one) => one.taskId).filter((id) =>
      !["t699", "t0", "t350", "t351", "t12"].includes(id)
    ),
  );
  assert.ok(left.every((one) => !one.removed));
});

Deno.test("EarlierManifest finds a task listed twice by its last entry, and leaves neither line over once it came back", async () => {
  await using dir = await tempDir();
  const first = { ...entry("t1"), outcome: "failed: bad mask", files: [] };
  const text = [first, entry("t2"), entry("t1"), entry("t3")]
    .map((one) => `${JSON.stringify(one)}\n`).join("");
  const { earlier } = await readBoth(dir.path, text);
  using _ = earlier;
  assert.equal((await earlier.left("t1"))?.outcome, "exported");
  earlier.markRemoved("t3");
  assert.deepEqual((await earlier.take("t1"))?.outcome, "exported");
  assert.equal(await earlier.left("t1"), undefined, "a task that came back is not left");
  assert.equal(await earlier.left("t3"), undefined, "nor one removed");
  const left = await all(earlier.leftOver());
  assert.deepEqual(left.map((one) => [one.entry.taskId, one.removed]), [["t2", false], [
    "t3",
    true,
  ]]);
  assert.ok(earlier.hasLeft());
  await earlier.take("t2");
  await earlier.take("t3");
  assert.equal(earlier.hasLeft(), false);
});

Deno.test("EarlierManifest refuses a bad line with parseManifest()'s error, and closes its file", async () => {
  await using dir = await tempDir();
  const good = `${JSON.stringify(entry("t1"))}\n`;
  const unsafe = `${JSON.stringify({ ...entry("t2"), path: "../escape.png" })}\n`;
  for (const text of [`${good}not json\n${good}`, `${good}${unsafe}`, `${good}{"files":[]}\n`]) {
    const whole = (() => {
      try {
        parseManifest(text, `${dir.path}/manifest.jsonl`, "resume");
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    assert.ok(whole instanceof ConfigError, "parseManifest() refuses it");
    await Deno.writeTextFile(`${dir.path}/manifest.jsonl`, text);
    await assert.rejects(
      () => EarlierManifest.read(new ExportFolderFs(dir.path), "manifest.jsonl", "resume"),
      (error: unknown) =>
        error instanceof ConfigError && error.name === whole.name &&
        error.message === whole.message,
    );
  }
  // The test's resource sanitizer fails it if a refused manifest's file stayed open.
});

Deno.test("EarlierManifest reads on from its open file after the manifest is replaced, as a resumed export replaces it", async () => {
  await using dir = await tempDir();
  const text = [entry("t1"), entry("t2")].map((one) => `${JSON.stringify(one)}\n`).join("");
  const { earlier } = await readBoth(dir.path, text);
  using _ = earlier;
  await Deno.remove(`${dir.path}/manifest.jsonl`);
  await Deno.writeTextFile(`${dir.path}/manifest.jsonl`, "");
  assert.equal((await earlier.take("t2"))?.taskId, "t2");
  assert.deepEqual((await all(earlier.leftOver())).map((one) => one.entry.taskId), ["t1"]);
});

Deno.test("EarlierManifest reads again, as it was, an entry followed by blank lines, one ending in CRLF, and the last one", async () => {
  await using dir = await tempDir();
  const entries = Array.from({ length: 6 }, (_, i) => entry(`t${i}`, i));
  const text = [
    `${JSON.stringify(entries[0])}\n\n  \n`,
    `${JSON.stringify(entries[1])}\r\n`,
    ...entries.slice(2, 5).map((one) => `${JSON.stringify(one)}\n`),
    `${JSON.stringify(entries[5])}`,
  ].join("");
  const { whole, earlier } = await readBoth(dir.path, text);
  using _ = earlier;
  assertSameData(whole, entries, "the entries");
  for (const i of [5, 1, 0, 3]) assert.deepEqual(await earlier.take(`t${i}`), entries[i]);
});

for (const told of ["here", "on the workers"]) {
  Deno.test(`EarlierManifest reads a manifest of several megabytes as parseManifest() does: lines across the reads, one longer than a read, the entries carried over as they were (lines told ${told})`, async () => {
    await using dir = await tempDir();
    using pool = new ConvertPool({ size: 2 });
    // About 3 MB: entries cut by the megabyte reads at various places, one of 1.5 MB.
    // Each with its mask's pixel identity, so that its line is carried over as it is.
    const entries = Array.from({ length: 3_000 }, (_, i) => {
      const one = entry(`t${i}`, i === 1_200 ? 1_500_000 : i % 700);
      return {
        ...one,
        files: one.files.map((file) => ({ ...file, pixelSha256: "cd".repeat(32) })),
      };
    });
    const text = entries.map((one) => `${JSON.stringify(one)}\n`).join("");
    assert.ok(text.length > 2.5 * 1024 * 1024);
    await Deno.writeTextFile(`${dir.path}/manifest.jsonl`, text);
    const files = new ExportFolderFs(dir.path);
    const whole = parseManifest(text, files.pathOf("manifest.jsonl"), "incremental");
    const seen: string[] = [];
    using earlier = await EarlierManifest.read(
      files,
      "manifest.jsonl",
      "incremental",
      (one) => seen.push(one.taskId),
      {
        carried: {},
        unwritten: told === "here" ? undefined : (lines) => pool.unwrittenLines(lines),
      },
    );
    assert.equal(earlier.size, 3_000);
    assert.deepEqual(seen, whole.map((one) => one.taskId));
    assertSameData(await all(earlier.entries()), whole, "the entries");
    for (const i of [2_999, 1_200, 0, 1_201]) {
      assert.deepEqual(await earlier.take(`t${i}`), whole[i]);
    }
    // The lines left over come as the file's bytes (each batch's valid until the next is read),
    // all but the four taken.
    const decoder = new TextDecoder();
    const texts: string[] = [];
    for await (const batch of earlier.leftOverLines({ asText: true })) {
      for (const run of batch) texts.push(run.bytes ? decoder.decode(run.bytes) : "(parsed)");
    }
    const carried = texts.join("\n").split("\n");
    const kept = text.trimEnd().split("\n").filter((_, i) => ![2_999, 1_200, 0, 1_201].includes(i));
    assert.equal(carried.length, kept.length);
    assert.ok(carried.every((line, i) => line === kept[i]), "each carried line as it was");
  });
}

Deno.test("EarlierManifest hears the answers of the lines told elsewhere while it reads the file: each chunk is told there when the answers keep up", async () => {
  await using dir = await tempDir();
  const entries = Array.from({ length: 3_000 }, (_, i) => entry(`t${i}`, 1_000));
  const text = entries.map((one) => `${JSON.stringify(one)}\n`).join("");
  await Deno.writeTextFile(`${dir.path}/manifest.jsonl`, text);
  // Answers come as a worker's would: as events of the event loop, not as promise callbacks.
  const asked: number[] = [];
  const unwritten = (lines: ManifestLines) => {
    asked.push(lines.bytes.length);
    return new Promise<number[]>((resolve) => setTimeout(() => resolve(unwrittenLines(lines)), 0));
  };
  const files = new ExportFolderFs(dir.path);
  using earlier = await EarlierManifest.read(files, "manifest.jsonl", "incremental", undefined, {
    carried: {},
    unwritten,
  });
  assert.equal(earlier.size, 3_000);
  // The file is read a megabyte at a time: every chunk was told elsewhere, not the first two.
  assert.ok(asked.length >= 3, `${asked.length} chunks told elsewhere`);
  assert.equal(asked.reduce((sum, bytes) => sum + bytes + 1, 0), text.length);
});

Deno.test("fileLineChunks() stopped after its first chunk, the file closed, leaves no read unhandled", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/lines.txt`;
  await Deno.writeTextFile(path, "a line of text\n".repeat(200_000));
  const reads = new ExclusiveReads(await Deno.open(path));
  let chunks = 0;
  for await (const lines of fileLineChunks((position, chunk) => reads.readAt(position, chunk))) {
    assert.equal(lines[0].offset, 0);
    chunks++;
    break;
  }
  reads.close();
  // The read asked ahead fails on the closed file: the test fails if it went unhandled.
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(chunks, 1);
});

Deno.test("EarlierManifest.read with meanwhile returns before its lines are read; lookups wait for them, and a bad line is told by indexed() and each lookup", async () => {
  await using dir = await tempDir();
  const entries = Array.from({ length: 3000 }, (_, i) => entry(`t${i}`, 500));
  const good = entries.map((one) => `${JSON.stringify(one)}\n`).join("");
  assert.ok(good.length > 1.5 * 2 ** 20, "lines of more than one read (a megabyte)");
  await Deno.writeTextFile(`${dir.path}/manifest.jsonl`, good);
  const files = new ExportFolderFs(dir.path);
  const seen: string[] = [];
  const options = { meanwhile: true };
  using earlier = await EarlierManifest.read(files, "manifest.jsonl", "incremental", (one) => {
    seen.push(one.taskId);
  }, options);
  assert.ok(earlier.reading && seen.length < 3000, `${seen.length} lines read before it returned`);
  assert.deepEqual(await earlier.take("t2999"), entries[2999], "the last entry, once read");
  assert.equal(seen.length, 3000);
  await earlier.indexed();
  assert.equal(earlier.reading, false);
  assert.equal(earlier.size, 3000);
  assert.equal(EarlierManifest.none().reading, false, "no earlier export: nothing being read");

  await Deno.writeTextFile(`${dir.path}/manifest.jsonl`, `${good}[1]\n`);
  using bad = await EarlierManifest.read(
    files,
    "manifest.jsonl",
    "incremental",
    undefined,
    options,
  );
  for (const asked of [() => bad.indexed(), () => bad.take("t1"), () => bad.left("t1")]) {
    await assert.rejects(asked, errorWith(ConfigError, "has a bad line 3001"));
  }
  await assert.rejects(
    () => all(bad.leftOverLines()),
    errorWith(ConfigError, "has a bad line 3001"),
  );
});
