/**
 * Run as its own process with `--v8-flags=--expose-gc`, and read and write access to an empty
 * folder: writes a `manifest.jsonl` of `count` entries as an export writes them (about 500 bytes
 * each) there, reads it as a resumed export does (`EarlierManifest`), takes every other task back
 * as a run does, and prints how many bytes of heap and buffers that state holds per entry once
 * everything else is collected; then the same for the manifest parsed whole, as exports read it
 * before.
 *
 * @module
 */

import { EarlierManifest } from "../../lib/export/_earlier_manifest.ts";
import { ExportFolderFs } from "../../lib/export/export_folder_fs.ts";
import { MANIFEST_NAME, parseManifest } from "../../lib/export/manifest.ts";
import { retainedBytes } from "../_fixtures/retained_memory.ts";

const folder = Deno.args[0];
const count = Number(Deno.args[1]);

/** Task `i`'s id, as the lab sends them (24 hex digits). */
function taskIdOf(i: number): string {
  return (0x650000000000 + i * 7919).toString(16).padStart(24, "0");
}

{
  using file = await Deno.open(`${folder}/${MANIFEST_NAME}`, { createNew: true, write: true });
  const encoder = new TextEncoder();
  let lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const taskId = taskIdOf(i);
    const name = `camera_${i % 4}/frame_${String(i).padStart(6, "0")}.jpg`;
    const line = JSON.stringify({
      taskId,
      name,
      status: "complete",
      batchId: "batch_2026_11_30",
      updatedAt: "2026-11-30T09:12:44.000Z",
      outcome: "exported",
      path: `${name}.png`,
      files: [{ path: `${name}.png`, sha256: taskId.repeat(3).slice(0, 64) }],
      width: 1920,
      height: 1080,
      labels: ["car", "person", "road"],
      instanceCount: 3,
      instances: { "1": "car", "2": "person", "3": "road" },
    });
    lines.push(`${line}\n`);
    if (lines.length === 1000 || i === count - 1) {
      const bytes = encoder.encode(lines.join(""));
      for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
      lines = [];
    }
  }
}

let before = await retainedBytes();
const earlier = await EarlierManifest.read(new ExportFolderFs(folder), MANIFEST_NAME, "resume");
let found = 0;
for (let i = 0; i < count; i += 2) {
  const taskId = taskIdOf(i);
  if ((await earlier.take(taskId))?.taskId === taskId) found++;
}
const streamed = (await retainedBytes()) - before;
// Still in use: the measure is of live state.
if (earlier.size !== count || found !== Math.ceil(count / 2) || !earlier.hasLeft()) Deno.exit(1);
earlier.close();

before = await retainedBytes();
const path = `${folder}/${MANIFEST_NAME}`;
const entries = parseManifest(await Deno.readTextFile(path), path, "resume");
const whole = (await retainedBytes()) - before;
if (entries.length !== count) Deno.exit(1);

console.log(JSON.stringify({ bytesPerTask: streamed / count, wholeBytesPerTask: whole / count }));
