/**
 * Run as its own process with `--v8-flags=--expose-gc`: claims `count` file names in a
 * `MaskFileRegistry` as an export of `count` tasks does, and prints how many bytes of heap and
 * buffers the registry holds per task once everything else is collected.
 *
 * @module
 */

import { MaskFileRegistry } from "../../lib/model/mask_file_registry.ts";
import { retainedBytes } from "../_fixtures/retained_memory.ts";

const count = Number(Deno.args[0]);

const before = await retainedBytes();
const registry = new MaskFileRegistry({ reserved: ["manifest.jsonl"] });
for (let i = 0; i < count; i++) {
  // Task ids as the lab sends them (24 hex digits, parsed from JSON), names in a few folders.
  const taskId: string = JSON.parse(
    `"${(0x650000000000 + i * 7919).toString(16).padStart(24, "0")}"`,
  );
  registry.claim(`camera_${i % 4}/frame_${String(i).padStart(6, "0")}.jpg.png`, taskId);
}
const after = await retainedBytes();
// Still in use: the measure is of a live registry.
if (registry.claim("camera_0/frame_000000.jpg.png", "other").length === 0) Deno.exit(1);
console.log(JSON.stringify({ bytesPerTask: (after - before) / count }));
