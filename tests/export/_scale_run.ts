/**
 * Run as its own process with `--v8-flags=--expose-gc`: exports a project of the fake lab named
 * in its first argument (`{ url, accessId, secretKey, projectId, folder, first, card }` as JSON) and
 * prints, as one JSON line, V8's heap in use after a full collection when the `first`th task is
 * done and when the last is (the run's state, its garbage collected), the peak RSS, and the heap
 * V8 holds (`heapTotal`, nothing collected on purpose) when the last task is done and once the
 * export has ended: what its end adds (the manifest read again for the dataset id).
 *
 * @module
 */

import { LabClient } from "../../lib/api/lab_client.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";

const settings = JSON.parse(Deno.args[0]);
const gc = (globalThis as unknown as { gc: () => void }).gc;
const heapAfterCollection = () => (gc(), gc(), Deno.memoryUsage().heapUsed);
let peakRss = 0;
const sampler = setInterval(() => peakRss = Math.max(peakRss, Deno.memoryUsage().rss), 5);
const heap: Record<string, number> = {};
const summary = await exportMasks({
  client: new LabClient({
    endpoint: settings.url,
    accessId: settings.accessId,
    secretKey: settings.secretKey,
  }),
  projectId: settings.projectId,
  outputFolder: settings.folder,
  outputFilename: "out",
  card: settings.card === true,
  onProgress(event) {
    if (event.type !== "task") return;
    if (event.done === settings.first) heap.first = heapAfterCollection();
    if (event.done === event.total) {
      heap.last = heapAfterCollection();
      heap.totalAtLast = Deno.memoryUsage().heapTotal;
    }
  },
});
clearInterval(sampler);
heap.totalAtEnd = Deno.memoryUsage().heapTotal;
console.log(JSON.stringify({ ...heap, peakRss, exported: summary.exported }));
// The pool's workers would keep the process alive.
Deno.exit(0);
