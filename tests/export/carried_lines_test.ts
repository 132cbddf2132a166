import assert from "../_std/assert.ts";
import { assertSameBytes } from "../_std/same_bytes.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { DatasetLines } from "../../lib/dataset/dataset_lines.ts";
import { parsedLines } from "../../lib/export/_parsed_lines.ts";
import type { FileLine } from "../../lib/export/_file_lines.ts";
import { ConfigError } from "../../lib/errors.ts";
import { errorWith } from "../_std/error_with.ts";
import { EarlierManifest, type UnwrittenLines } from "../../lib/export/_earlier_manifest.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { ExportFolderFs } from "../../lib/model/export_folder_fs.ts";
import { type ManifestEntry, parseManifestLine } from "../../lib/model/manifest.ts";

const TEXT = new TextEncoder();

function entry(i: number): ManifestEntry {
  const path = `street/f${i}.jpg.png`;
  return {
    taskId: `t${i}`,
    name: `f${i}.jpg`,
    outcome: "exported",
    path,
    files: [{ path, sha256: "ab".repeat(32), pixelSha256: String(i % 10).repeat(64) }],
    instances: { "2": "car", "10": "road" },
  };
}

/** Lines an export writes, and lines as another tool or a hand may leave them. */
const LINES: [string, Uint8Array, 0 | 1][] = [
  ["as written", TEXT.encode(JSON.stringify(entry(0))), 1],
  ["spaces", TEXT.encode(JSON.stringify(entry(1), null, 1).replaceAll("\n", "")), 0],
  ["an escape", TEXT.encode(JSON.stringify(entry(2)).replace("f2.jpg", "f2\\u002ejpg")), 0],
  [
    "keys in another order",
    TEXT.encode(
      JSON.stringify(entry(3)).replace('"2":"car",', "").replace('"road"}', '"road","2":"car"}'),
    ),
    0,
  ],
  [
    "a byte order mark",
    new Uint8Array([0xef, 0xbb, 0xbf, ...TEXT.encode(JSON.stringify(entry(4)))]),
    0,
  ],
  [
    "a byte that is no UTF-8",
    TEXT.encode(JSON.stringify(entry(5)).replace("f5.jpg", "f5\u00ff.jpg")).map((byte, i, all) =>
      all[i - 1] === 0xc3 ? 0x28 : byte
    ),
    0,
  ],
  ["not JSON", TEXT.encode("{not json"), 0],
  [
    "a number written otherwise",
    TEXT.encode(JSON.stringify({ ...entry(7), width: 2 }).replace('"width":2', '"width":2.0')),
    0,
  ],
];

/** `lines` back to back, each with its newline, as the file's lines. */
function fileLinesOf(lines: Uint8Array[]): FileLine[] {
  const bytes = new Uint8Array(lines.flatMap((line) => [...line, 0x0a]));
  let offset = 0;
  return lines.map((line, i) => {
    const fileLine = {
      bytes: bytes.subarray(offset, offset + line.length),
      offset,
      number: i + 1,
      last: false,
    };
    offset += line.length + 1;
    return fileLine;
  });
}

const SOURCE = { path: "manifest.jsonl", setting: "incremental" };

Deno.test("parsedLines() tells the lines an export writes from those it would write otherwise, together or one by one", () => {
  const json = LINES.filter(([what]) => what !== "not JSON");
  const options = { source: SOURCE, decoder: new TextDecoder(), written: true };
  const together = [...parsedLines(fileLinesOf(json.map(([, line]) => line)), options)];
  const alone = json.flatMap(([, line]) => [...parsedLines(fileLinesOf([line]), options)]);
  for (const parsed of [together, alone]) {
    assert.deepEqual(parsed.map((one) => one?.written), json.map(([, , flag]) => flag === 1));
  }
  for (const [i, [what, line, flag]] of json.entries()) {
    // The check is exactly: the bytes are those of the value written again.
    const value = JSON.parse(new TextDecoder().decode(line));
    const again = TEXT.encode(JSON.stringify(value));
    const same = again.length === line.length && again.every((byte, at) => byte === line[at]);
    assert.equal(same, flag === 1, what);
    assert.deepEqual(together[i]?.entry, value, what);
  }
});

Deno.test("parsedLines() refuses a bad line among others with parseManifestLine()'s error, and leaves blank lines out", () => {
  const lines = LINES.map(([, line]) => line);
  const options = { source: SOURCE, decoder: new TextDecoder(), written: false };
  const bad = lines.findIndex((line) => line[0] === 0x7b && line[1] === 0x6e);
  // parseManifestLine()'s own message for that line, and no other.
  let expected = "";
  try {
    parseManifestLine("{not json", { number: bad + 1, last: false }, SOURCE);
  } catch (error) {
    expected = (error as Error).message;
  }
  assert.match(expected, new RegExp(`bad line ${bad + 1}: it is not a manifest entry`));
  assert.throws(
    () => [...parsedLines(fileLinesOf(lines), options)],
    errorWith(ConfigError, expected),
  );
  const blank = [lines[0], new Uint8Array(0), TEXT.encode("  "), lines[1]];
  const parsed = [...parsedLines(fileLinesOf(blank), options)];
  assert.deepEqual(parsed.map((one) => one?.line.number), [1, 4]);
});

/** Writes the manifest (every line of LINES that is JSON, then `more` entries) and reads it. */
async function readCarried(folder: string, more: number, unwritten?: UnwrittenLines) {
  const lines = LINES.filter(([what]) => what !== "not JSON").map(([, line]) => line);
  for (let i = 10; i < 10 + more; i++) lines.push(TEXT.encode(JSON.stringify(entry(i))));
  await Deno.writeFile(
    `${folder}/manifest.jsonl`,
    new Uint8Array(lines.flatMap((line) => [...line, 0x0a])),
  );
  const datasetLines = new DatasetLines();
  const files = new ExportFolderFs(folder);
  const earlier = await EarlierManifest.read(files, "manifest.jsonl", "incremental", undefined, {
    carried: { lines: datasetLines },
    unwritten,
  });
  return { earlier, lines, datasetLines };
}

/** Where an update tells the lines written as an export writes them from the others. */
const TOLD = ["here", "on a worker", "on a worker that fails"] as const;

for (const told of TOLD) {
  Deno.test(`an earlier manifest read for an update carries as they are exactly its lines written as an export writes them (told ${told})`, async () => {
    await using dir = await tempDir();
    using pool = new ConvertPool({ size: 2 });
    const unwritten: UnwrittenLines | undefined = told === "here"
      ? undefined
      : told === "on a worker"
      ? (lines) => pool.unwrittenLines(lines)
      : () => Promise.reject(new Error("the worker cannot tell"));
    // Enough lines for several chunks of the file, and runs across them.
    const { earlier, lines, datasetLines } = await withDeadline(
      readCarried(dir.path, 4000, unwritten),
      60_000,
      "reading the manifest",
    );
    using _ = earlier;
    await earlier.take("t10");
    const runs: Uint8Array[] = [];
    const parsed: string[] = [];
    const carry = async () => {
      for await (const batch of earlier.leftOverLines({ asText: true })) {
        for (const left of batch) {
          if (left.bytes !== undefined) runs.push(left.bytes.slice());
          else parsed.push(left.entry.taskId);
        }
      }
    };
    await withDeadline(carry(), 60_000, "carrying the lines over");
    const kept = new DatasetLines();
    if (told === "on a worker that fails") {
      // Nothing is copied as it is: every entry is parsed and written again, and adds its
      // dataset lines then.
      const left = [0, ...range(1, 8), ...range(11, 4010)].filter((i) => i !== 6);
      assert.deepEqual(parsed, left.map((i) => `t${i}`));
      assert.equal(runs.length, 0);
      assert.equal(datasetLines.identity("cd").datasetId, kept.identity("cd").datasetId);
      return;
    }
    const edited = ["t1", "t2", "t3", "t4", "t5", "t7"];
    assert.deepEqual(parsed, edited);
    const expected = [lines[0], ...lines.slice(8)].flatMap((line) => [...line, 0x0a]);
    const carried = runs.flatMap((run) => [...run, 0x0a]);
    assertSameBytes(new Uint8Array(carried), new Uint8Array(expected));
    // The dataset lines of the lines carried as they are, and no other.
    for (const i of [0, ...range(11, 4010)]) kept.add(entry(i));
    assert.equal(datasetLines.identity("cd").datasetId, kept.identity("cd").datasetId);
    assert.equal(datasetLines.identity("cd").masks, 4000);
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
