/**
 * Run as its own process (with or without `--v8-flags=--expose-gc`): renders `jobs` small masks
 * one after another on a pool of one `_gc_counting_worker.ts`, which writes its collections to
 * the file `calls`, pausing three seconds after the 259th where `gc` is exposed.
 *
 * @module
 */

import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { classTable } from "../../lib/detect/class_table.ts";
import { drawMask, writeMaskPng } from "../../testing/mask_png.ts";

const [jobs, calls] = [Number(Deno.args[0]), Deno.args[1]];
const exposed = typeof (globalThis as { gc?: unknown }).gc === "function";
const workerUrl = new URL("_gc_counting_worker.ts", import.meta.url);
workerUrl.searchParams.set("calls", calls);
const image = drawMask({ width: 32, height: 24 }, [{ id: 1, bChannel: 4, rect: [2, 2, 20, 20] }]);
const bytes = writeMaskPng(image, { colourType: 6 });
const table = classTable([{ id: "car", bChannel: 4 }]);
using pool = new ConvertPool({ size: 1, workerUrl });
if (pool.inThread) throw new Error("the counting worker cannot start here");
for (let job = 1; job <= jobs; job++) {
  // A collection waits until fifty times the last one's time has passed since it: three seconds
  // apart, the next look is not held back by the time budget unless a collection took 60 ms.
  if (job === 260 && exposed) await new Promise((resolve) => setTimeout(resolve, 3000));
  await pool.render({
    mask: { kind: "png", bytes: bytes.slice() },
    file: "a.png",
    format: "rgb",
    table,
  });
}
