import assert from "../_std/assert.ts";
import { createHash } from "node:crypto";
import { DatasetLines } from "../../lib/dataset/dataset_lines.ts";
import type { ManifestEntry } from "../../lib/model/manifest.ts";

/** The dataset id as docs/reproducible-datasets.md defines it, from the lines as one list. */
function documentedId(lines: string[], labelmapSha256: string): string {
  const bytes = lines.map((line) => new TextEncoder().encode(line));
  bytes.sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  });
  const hash = createHash("sha256").update(`lab-masks-dataset/1\nlabelmap ${labelmapSha256}\n`);
  for (const line of bytes) hash.update(line);
  return hash.digest("hex");
}

Deno.test("DatasetLines gives the documented id over many megabytes of lines, one line longer than a megabyte among them", () => {
  const lines = new DatasetLines();
  const expected: string[] = [];
  const add = (path: string, pixelSha256: string) => {
    const file = { path, sha256: "00", pixelSha256 };
    const entry: ManifestEntry = { taskId: path, name: path, outcome: "exported", files: [file] };
    lines.add(entry);
    expected.push(`${path} ${pixelSha256}\n`);
  };
  // Lines of every length from short to a few kilobytes, UTF-8 of one to four bytes a character.
  const stems = ["a", "é", "\uFF01", "\u{1F600}"];
  for (let i = 0; i < 30_000; i++) {
    const stem = stems[i % stems.length].repeat(1 + (i * 7919) % 700);
    add(`${stem}/${i}.png`, createHash("sha256").update(`${i}`).digest("hex"));
  }
  add(`${"long/".repeat(300_000)}x.png`, "ab");
  add("z.png", "cd");
  assert.deepEqual(lines.identity("ef"), {
    datasetId: documentedId(expected, "ef"),
    masks: 30_002,
  });
});
