import { ConfigError, MasksError } from "../errors.ts";
import { ensureDir } from "../_std/fs.ts";
import { dirname, join } from "../_std/path.ts";
import { convertMask, type ConvertMaskOptions } from "./convert_mask.ts";
import type { TaskOutcome } from "./export_summary.ts";
import { writeFileAtomic } from "./write_file_atomic.ts";

/**
 * Converts masks and writes them under the export folder, which it creates on the first mask
 * (`lab-api.md`, rule 3). A task's own problems come back as a `failed` outcome; only problems
 * that stop the whole export (the folder appeared meanwhile) are thrown.
 */
export class MaskWriter {
  #folder: string;
  #options: ConvertMaskOptions;
  #folderReady?: Promise<void>;
  /** Whether this writer created the export folder. */
  folderCreated = false;

  constructor(folder: string, options: ConvertMaskOptions) {
    this.#folder = folder;
    this.#options = options;
  }

  /** Writes one task's mask to `outcome.file` (relative, `/`-separated); returns its outcome. */
  async write(mask: unknown, outcome: TaskOutcome & { file: string }): Promise<TaskOutcome> {
    const file = outcome.file;
    await (this.#folderReady ??= this.#createFolder());
    let bytes: Uint8Array;
    try {
      bytes = await convertMask(mask, this.#options);
    } catch (error) {
      return failed(outcome, `its mask cannot be read: ${messageOf(error)}`);
    }
    const path = join(this.#folder, ...file.split("/"));
    try {
      await ensureDir(dirname(path));
      await writeFileAtomic(path, bytes);
    } catch (error) {
      return failed(outcome, `its mask cannot be written to "${file}": ${messageOf(error)}`);
    }
    return outcome;
  }

  async #createFolder(): Promise<void> {
    await ensureDir(dirname(this.#folder));
    try {
      await Deno.mkdir(this.#folder);
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      throw new ConfigError(
        `The export folder "${this.#folder}" appeared while the export was starting; ` +
          `choose another output filename`,
        { setting: "output-filename", cause: error },
      );
    }
    this.folderCreated = true;
  }
}

function failed(outcome: TaskOutcome, reason: string): TaskOutcome {
  const { file: _file, renamedFrom: _renamedFrom, ...task } = outcome;
  return { ...task, status: "failed", reason };
}

function messageOf(error: unknown): string {
  if (error instanceof MasksError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
