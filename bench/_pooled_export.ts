/**
 * The export's core with the conversion pool plugged in, as the pipeline would run it for the
 * `rgb` format: pages from {@linkcode LabClient} (the next one fetched while this one converts),
 * masks converted by {@linkcode ConvertPool} on one worker per core, at most two jobs per worker
 * in flight, files written atomically. It leaves out what `exportMasks` adds around that core
 * (manifest, per-mask statistics, names), so it shows what the plug-in buys, not the whole export.
 *
 * @module
 */

import { LabClient } from "../lib/api/lab_client.ts";
import { ConvertPool } from "../lib/export/_convert_pool.ts";
import { TaskPool } from "../lib/export/_task_pool.ts";
import { writeFileAtomic } from "../lib/export/write_file_atomic.ts";

/** Where the pooled export reads and writes. */
export interface PooledExportOptions {
  /** The fake lab's URL. */
  url: string;
  /** Its access id. */
  accessId: string;
  /** Its secret key. */
  secretKey: string;
  /** The project. */
  projectId: string;
  /** The folder the export folder goes in. */
  folder: string;
}

/**
 * Exports every task's mask through the pool; returns when the last file is written.
 *
 * @param options The lab, the project and the output folder.
 */
export async function pooledCoreExport(options: PooledExportOptions): Promise<void> {
  const { url: endpoint, accessId, secretKey } = options;
  const client = new LabClient({ endpoint, accessId, secretKey });
  using pool = new ConvertPool();
  const inFlight = new TaskPool(pool.size * 2);
  const out = `${options.folder}/export`;
  await Deno.mkdir(`${out}/frames`, { recursive: true });
  let failure: unknown;
  for await (const page of client.taskPages(options.projectId)) {
    for (const task of page.docs) {
      if (failure !== undefined) throw failure;
      const mask = (task.data?.body as { mask?: unknown }).mask;
      await inFlight.run(async () => {
        try {
          await writeFileAtomic(`${out}/${task.name}.png`, await pool.convert(mask));
        } catch (error) {
          failure ??= error;
        }
      });
    }
  }
  await inFlight.drain();
  if (failure !== undefined) throw failure;
}
