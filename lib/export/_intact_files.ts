/**
 * The check of the files an earlier run wrote and a resumed one keeps, as one job of many files:
 * run on a pool's worker, it takes the check off the main thread, which a resumed run keeps busy
 * walking thousands of kept tasks.
 *
 * @module
 */

import { ExportFolderFs } from "../model/export_folder_fs.ts";
import { sha256 } from "./_mask_job.ts";

/** Files to check in one export folder, with the SHA-256 its manifest gives each. */
export interface IntactFilesJob {
  /** The export folder, absolute. */
  root: string;
  /** Whether the folder is one the user chose (it may then be a link), as its file door has it. */
  rootChosenByUser: boolean;
  /** The files: their paths in the folder and the SHA-256 of the bytes an earlier run wrote. */
  files: { path: string; sha256: string }[];
}

/**
 * Tells, file by file, whether each is as the earlier run wrote it: read through the export
 * folder's file door (so a file missing, behind a link on the way or at the file, or not a
 * regular file is not intact) and its bytes' SHA-256 the manifest's.
 *
 * @param job The files.
 * @param files The folder's file door; default: a door of the runtime's own file system on
 * `job.root` (on a worker, which has none of its own).
 * @returns By file, 1 when intact, else 0.
 *
 * @example
 * ```ts
 * import { intactFiles } from "./_intact_files.ts";
 *
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/a.png`, "a");
 * const sha256 = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
 * const files = [{ path: "a.png", sha256 }, { path: "b.png", sha256 }];
 * console.log(await intactFiles({ root, rootChosenByUser: false, files })); // Uint8Array(2) [ 1, 0 ]
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function intactFiles(
  job: IntactFilesJob,
  files: ExportFolderFs = new ExportFolderFs(job.root, {
    rootChosenByUser: job.rootChosenByUser,
  }),
): Promise<Uint8Array> {
  const intact = new Uint8Array(job.files.length);
  for (let at = 0; at < job.files.length; at++) {
    const { path, sha256: digest } = job.files[at];
    // Missing, unreadable or behind a link: not intact, so it is written again (or refused).
    const bytes = await files.readFile(path).catch(() => undefined);
    if (bytes !== undefined && sha256(bytes) === digest) intact[at] = 1;
  }
  return intact;
}
