import type { ClassTable } from "../detect/class_table.ts";
import { join } from "../_std/path.ts";
import type { ExportSummary } from "../model/export_summary.ts";
import { type ExportReport, PARTIAL_REPORT_NAME, REPORT_NAME } from "../report/export_report.ts";
import { ExportFolderFs } from "../model/export_folder_fs.ts";
import { CARD_FILES } from "../dataset/write_dataset_card.ts";
import { DatasetLines } from "../dataset/dataset_lines.ts";
import { EarlierManifest, type UnwrittenLines } from "./_earlier_manifest.ts";
import type { FileSystem } from "../model/file_system.ts";
import {
  checkOverwritable,
  createExportFolder,
  type ExportMetadata,
  type FolderMode,
  METADATA_NAME,
  type PreparedFolder,
  prepareExportFolder,
  probeExportFolder,
} from "./_folder_preparation.ts";
import { earlierManifestName } from "./_earlier_manifest_name.ts";
import { labelmapJson, labelmapTxt } from "./labelmap.ts";
import { PANOPTIC_JSON } from "./_panoptic_json.ts";
import { refuseUnsafeEntries } from "./_reused_folder_check.ts";
import { MANIFEST_NAME, type ManifestEntry, PARTIAL_MANIFEST_NAME } from "../model/manifest.ts";
import { ManifestWriter } from "../model/manifest_writer.ts";
import { FOLDER_LOCK_NAME, FolderLock } from "../model/folder_lock.ts";
import type { MaskFormat } from "./mask_format.ts";
import { LABELMAP_JSON } from "./read_class_map.ts";

const LABELMAP_TXT = "labelmap.txt";

/**
 * One export's folder and every file of its own: the checks before any request, the folder
 * itself, the labelmaps, the manifest (the run hands it each task's entry), `export.json` and
 * `report.html`, and the names no mask may take. The masks are written by the run, through
 * {@linkcode ExportFolder.files}.
 */
export class ExportFolder implements AsyncDisposable {
  /** The export's own file names: a task named "manifest.jsonl/a.jpg" must not make them folders. */
  static readonly RESERVED_NAMES: readonly string[] = [
    MANIFEST_NAME,
    PARTIAL_MANIFEST_NAME,
    METADATA_NAME,
    LABELMAP_JSON,
    LABELMAP_TXT,
    PANOPTIC_JSON,
    REPORT_NAME,
    PARTIAL_REPORT_NAME,
    FOLDER_LOCK_NAME,
    ...CARD_FILES,
  ];

  /** The folder's file door: every path stays inside it. */
  readonly files: ExportFolderFs;
  /** How the export treats an earlier export in the folder. */
  readonly mode: FolderMode;
  /**
   * With `gatherLines`: the `<path> <pixelSha256>` lines of the manifest's entries, gathered as
   * they are written, and of the entries carried over as they were, added by the run.
   */
  readonly datasetLines?: DatasetLines;
  #dryRun: boolean;
  #carryLines: boolean;
  #manifest: ManifestWriter;
  /** Held from before the run's first change to the folder until it ends (not by a dry run). */
  #lock?: FolderLock;

  constructor(
    path: string,
    mode: FolderMode,
    options: {
      fileSystem?: FileSystem;
      dryRun: boolean;
      /** Gather the dataset lines of the entries as they are written (see `datasetLines`). */
      gatherLines?: boolean;
      /** An incremental run may carry the earlier manifest's lines over as they are. */
      carryLines?: boolean;
    },
  ) {
    this.files = new ExportFolderFs(path, { fileSystem: options.fileSystem });
    this.mode = mode;
    this.#dryRun = options.dryRun;
    this.#carryLines = options.carryLines ?? false;
    const lines = options.gatherLines ? new DatasetLines() : undefined;
    this.datasetLines = lines;
    this.#manifest = new ManifestWriter(this.files, {
      onEntry: lines && ((entry) => lines.add(entry)),
    });
  }

  /** The folder's absolute path. */
  get path(): string {
    return this.files.root;
  }

  /**
   * Checks the folder before any request (it can be made; a new export's name is free; a reused
   * one holds no link, pipe, socket or device, anywhere) and reads what an earlier export left
   * there (resume, incremental). A dry run only reads: it probes nothing, but reads an earlier
   * export's manifest and `export.json`, and walks a folder it would overwrite, as the real run
   * would, so its plan is the real run's. `onEarlierEntry` sees each entry of an earlier manifest
   * as it is read. `elsewhere` does part of the work on other threads (workers): `listUnsafe`
   * walks the folder (see `refuseUnsafeEntries`), `unwritten` tells the earlier manifest's lines
   * an update copies as they are from those it writes again (see `EarlierManifest.read`).
   */
  async open(
    onEarlierEntry?: (entry: ManifestEntry) => void,
    elsewhere: { listUnsafe?: () => Promise<string[]>; unwritten?: UnwrittenLines } = {},
  ): Promise<PreparedFolder> {
    const { mode } = this;
    const earlier = mode === "resume" || mode === "incremental";
    if (this.#dryRun && !earlier) {
      // What the real run would refuse in a folder it overwrites, a dry run refuses too.
      if (this.mode === "overwrite") await refuseUnsafeEntries(this.files, this.mode);
      return { previous: EarlierManifest.none() };
    }
    // A folder without an earlier export is refused before it is probed or walked (a mistyped
    // `/` would be walked whole).
    if (earlier) await earlierManifestName(this.files, mode);
    if (!this.#dryRun) await probeExportFolder(this.files, this.mode);
    // Another run writing the folder is refused before its manifest is read or it is walked.
    if (!this.#dryRun && earlier) await this.#takeLock();
    if (this.mode === "overwrite") {
      await refuseUnsafeEntries(this.files, this.mode);
      return { previous: EarlierManifest.none() };
    }
    // The walk over the folder (100,000 files for as many tasks) lists them on another thread
    // while the earlier manifest is read: the file door opens only a regular file, and the
    // walk's refusal, if any, is the one the export gives.
    const carried = this.#carryLines ? { lines: this.datasetLines } : undefined;
    const reading = { carried, unwritten: elsewhere.unwritten };
    const [walk, read] = await Promise.allSettled([
      refuseUnsafeEntries(this.files, this.mode, elsewhere.listUnsafe),
      prepareExportFolder(this.files, this.mode, onEarlierEntry, reading),
    ]);
    if (walk.status === "rejected") {
      if (read.status === "fulfilled") read.value.previous.close();
      throw walk.reason;
    }
    if (read.status === "rejected") throw read.reason;
    return read.value;
  }

  /**
   * Clears what an earlier run left and this one does not keep, once the project is known to
   * export masks: `overwrite` removes the earlier export; `resume` and `incremental` remove the
   * report a killed run left half-written (a run with `report` writes a whole one anyway). A dry
   * run clears nothing, but refuses a folder `overwrite` would refuse.
   */
  async clearEarlier(): Promise<void> {
    if (this.#dryRun) {
      if (this.mode === "overwrite" && await this.files.rootExists()) {
        await checkOverwritable(this.files);
      }
      return;
    }
    if (this.mode === "overwrite") {
      // Held before the earlier export is cleared (another run may be writing it), once the
      // folder is known to hold one: a folder it refuses is left as it was.
      if ((await this.files.rootInfo())?.isDirectory) {
        await checkOverwritable(this.files);
        await this.#takeLock();
      }
      await prepareExportFolder(this.files, this.mode);
    } else if (this.mode !== "new") await this.files.remove(PARTIAL_REPORT_NAME);
  }

  /**
   * Makes the folder before its first file, with the labelmaps of class-index, palette and
   * instance masks,
   * and starts the manifest: entries added before are written now.
   */
  async create(maskFormat: MaskFormat, table: ClassTable): Promise<void> {
    await createExportFolder(this.files, this.mode);
    if (this.#lock === undefined) await this.#takeLock();
    // Instance masks hold instance ids; the labelmap numbers the labels the manifest gives them.
    if (maskFormat === "class-index" || maskFormat === "palette" || maskFormat === "instance") {
      await this.files.writeFile(LABELMAP_JSON, TEXT.encode(labelmapJson(table)));
      await this.files.writeFile(LABELMAP_TXT, TEXT.encode(labelmapTxt(table)));
    }
    this.#manifest.start();
  }

  /**
   * Records task number `sequence`'s manifest entry, or `null` for a task with no line (another
   * shard's); lines are written in task order, once the folder exists.
   */
  addEntry(sequence: number, entry: ManifestEntry | null): void {
    this.#manifest.add(sequence, entry);
  }

  /**
   * Adds manifest entries after the tasks' own (carried over or removed by an update), or their
   * lines as they are to be written (unchanged until written); resolves once written.
   */
  addTrailingEntries(entries: readonly (ManifestEntry | Uint8Array)[]): Promise<void> {
    return this.#manifest.addTrailing(entries);
  }

  /**
   * Completes the manifest: renames the partial one to `manifest.jsonl`.
   *
   * @returns Its absolute path, or `undefined` when no folder was made (nothing was exported).
   */
  async closeManifest(): Promise<string | undefined> {
    await this.#manifest.close();
    return this.#manifest.started ? join(this.path, MANIFEST_NAME) : undefined;
  }

  /** Closes the partial manifest as it is, for `resume` (an export that failed or was stopped). */
  async abandonManifest(): Promise<void> {
    await this.#manifest.abandon();
  }

  /**
   * Writes `export.json`, last: an incremental update starts from its time, so it must only ever
   * follow a complete manifest. A resumed export keeps its first run's, when its tasks were read,
   * with this run's identity (dataset id, versions) and own files.
   */
  async writeMetadata(metadata: ExportMetadata): Promise<void> {
    if (this.mode === "resume" && await this.files.exists(METADATA_NAME)) {
      const first = await this.readMetadata();
      if (first !== undefined) {
        const { projectId, startedAt, maskFormat, settings } = first;
        metadata = { ...metadata, projectId, startedAt, maskFormat, settings };
      }
    }
    const json = `${JSON.stringify(metadata, null, 2)}\n`;
    await this.files.writeFile(METADATA_NAME, TEXT.encode(json));
  }

  /** The folder's `export.json` as a run wrote it; `undefined` when absent or damaged. */
  async readMetadata(): Promise<ExportMetadata | undefined> {
    try {
      const text = new TextDecoder().decode(await this.files.readFile(METADATA_NAME));
      const metadata = JSON.parse(text);
      return typeof metadata === "object" && metadata !== null ? metadata : undefined;
    } catch {
      return undefined;
    }
  }

  /** Lets go of the folder (see `FolderLock`): the run is over, written or failed. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#lock?.release();
    this.#lock = undefined;
  }

  async #takeLock(): Promise<void> {
    this.#lock = await FolderLock.take(
      this.files,
      this.mode === "incremental" ? "incremental" : "outputFolder",
    );
  }

  /** Writes `report.html` and adds its path and label statistics to the summary. */
  async writeReport(
    report: ExportReport,
    run: Parameters<ExportReport["write"]>[0],
    summary: ExportSummary,
  ): Promise<void> {
    const { path, labels } = await report.write(run, summary);
    Object.assign(summary, { report: path, labels });
  }
}

const TEXT = new TextEncoder();
