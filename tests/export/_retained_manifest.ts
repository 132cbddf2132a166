/**
 * Run as its own process with `--v8-flags=--expose-gc`, and read and write access to a folder:
 * writes there, unless it is there already, a `manifest.jsonl` of `count` entries as an export
 * writes them (about 500 bytes each), then prints how many bytes of heap and buffers one kind of
 * state holds per entry once everything else is collected (one measure a process, so no garbage
 * of another is swept during it):
 *
 * - `streamed`: the manifest read as a resumed export does (`EarlierManifest`), every other task
 *   taken back as a run does;
 * - `resumed`: a resumed run of every task: that reading, and the run's file names
 *   (`MaskFileRegistry`), the earlier names claimed first, as `ExportRun` does;
 * - `whole`: the manifest parsed whole, as exports read it before.
 *
 * @module
 */

import { EarlierManifest } from "../../lib/export/_earlier_manifest.ts";
import { ExportFolder } from "../../lib/export/_export_folder.ts";
import { ExportFolderFs } from "../../lib/model/export_folder_fs.ts";
import { MANIFEST_NAME, parseManifest } from "../../lib/model/manifest.ts";
import { MaskFileRegistry } from "../../lib/model/mask_file_registry.ts";
import { retainedBytes } from "../_fixtures/retained_memory.ts";

const [folder, countText, measure] = Deno.args;
const count = Number(countText);
const path = `${folder}/${MANIFEST_NAME}`;

/** Task `i`'s id, as the lab sends them (24 hex digits), parsed from JSON as a task page is. */
function taskIdOf(i: number): string {
  return JSON.parse(`"${(0x650000000000 + i * 7919).toString(16).padStart(24, "0")}"`);
}

async function writeManifest(): Promise<void> {
  using file = await Deno.open(path, { createNew: true, write: true });
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

/** The state of the measure, built; throws unless it is right (and so still in use). */
async function build(): Promise<unknown> {
  if (measure === "whole") {
    const entries = parseManifest(await Deno.readTextFile(path), path, "resume");
    if (entries.length !== count) throw new Error("not every entry was read");
    return entries;
  }
  const earlier = await EarlierManifest.read(new ExportFolderFs(folder), MANIFEST_NAME, "resume");
  if (measure === "streamed") {
    let found = 0;
    for (let i = 0; i < count; i += 2) {
      const taskId = taskIdOf(i);
      if ((await earlier.take(taskId))?.taskId === taskId) found++;
    }
    if (earlier.size !== count || found !== Math.ceil(count / 2) || !earlier.hasLeft()) {
      throw new Error("the entries were not found");
    }
    return earlier;
  }
  const registry = new MaskFileRegistry({ reserved: ExportFolder.RESERVED_NAMES });
  for await (const entry of earlier.entries()) {
    if (entry.path) registry.claim(entry.path, entry.taskId);
  }
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const taskId = taskIdOf(i);
    const previous = await earlier.take(taskId);
    if (registry.claimFile(previous?.path ?? "", taskId).file === previous?.path) kept++;
  }
  if (kept !== count || earlier.hasLeft()) throw new Error("the tasks did not keep their names");
  return { earlier, registry };
}

if (!(await Deno.stat(path).catch(() => undefined))) await writeManifest();
// Built once and dropped first: the code compiled to build it, and what its modules keep once
// used, are not state a task holds.
await build();
const before = await retainedBytes();
const state = await build();
const after = await retainedBytes();
if (state === undefined) Deno.exit(1);
console.log(JSON.stringify({ bytesPerTask: (after - before) / count }));
