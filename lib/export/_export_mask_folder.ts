import type { TaskFilters } from "../api/types.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { ExportReport } from "../report/export_report.ts";
import { ConvertPool } from "./_convert_pool.ts";
import { MaskDetacher } from "./_detach_masks.ts";
import { emptySummary } from "../model/empty_summary.ts";
import { ExportFolder } from "./_export_folder.ts";
import {
  type ExportPlan,
  type MaskPlan,
  metadataOf,
  planExportOf,
  planMasks,
} from "./_export_plan.ts";
import { classMapNote, pinnedMapOf } from "./_pinned_map_of.ts";
import type { FolderMode, PreparedFolder } from "./_folder_preparation.ts";
import type { EarlierManifest } from "./_earlier_manifest.ts";
import { ExportRun } from "./_export_run.ts";
import { finishExport } from "./_finish_export.ts";
import { writePanopticJson } from "./_panoptic_json.ts";
import { incrementalFilters, removedEntry, removeLeftTasks } from "./_incremental.ts";
import { TaskExporter } from "./_task_exporter.ts";
import { eachTask } from "./_task_loop.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import type { ExportSummary } from "../model/export_summary.ts";
import { hostPlatform } from "../model/platform.ts";
import type { ExportMasksOptions } from "./export_masks.ts";
import { MaskFileRegistry } from "../model/mask_file_registry.ts";
import { DENO_FILE_SYSTEM } from "../model/file_system.ts";
import type { ManifestLines } from "./_unwritten_lines.ts";

/**
 * How many pages a resumed export keeps asked while it reads the tasks it keeps, and an update
 * while it reads its earlier manifest.
 */
const PAGES_AHEAD_MEANWHILE = 8;

/**
 * The `mask` format: the PNG masks, `manifest.jsonl` and `export.json` in an export folder, as
 * `exportMasks` documents them.
 *
 * @param given The export's options.
 * @returns What was exported, skipped and failed, and where.
 */
export async function exportMaskFolder(given: ExportMasksOptions): Promise<ExportSummary> {
  const started = performance.now();
  // An incremental run takes the settings it leaves out from the export it updates.
  const { options, plan } = await planExportOf(given);
  // An update gathers its dataset lines as it writes its manifest (a card reads them again),
  // and copies the earlier lines it carries over (the report and splits need their entries).
  const updating = plan.mode === "incremental" && !plan.dryRun;
  // Lets go of the folder's lock last, once the pool and the earlier manifest are closed.
  await using folder = new ExportFolder(plan.folder, plan.mode, {
    fileSystem: options.fileSystem,
    dryRun: plan.dryRun,
    gatherLines: updating && !options.card,
    carryLines: updating && !options.report && plan.split === undefined,
  });
  // Closed when this function returns or throws: the run has drained its tasks by then.
  using pool = new ConvertPool({ workerUrl: options.workerUrl, size: options.concurrency });
  const { prepared, registry } = await openClaimingNames(folder, options, { plan, pool });
  // The earlier manifest's file stays open for the run, and is closed however this ends.
  using earlier = prepared.previous;
  const { pinned, configuration, masks, filters } = await planRun(folder, options, plan, prepared);

  const summary = emptySummary(plan.projectId, plan.folder, plan.maskFormat, plan.dryRun);
  if (pinned) summary.classMap = classMapNote(masks.table, pinned);
  const report = options.report && !plan.dryRun
    ? new ExportReport(masks.table.classes, folder.files)
    : undefined;
  const parts = { plan, masks, prepared, summary, pool, report, options, registry };
  const run = exportRun(folder, parts);
  await runTasks(run, {
    plan,
    filters,
    source: masks.source,
    files: folder.files,
    earlier,
    summary,
    options,
    clearEarlier: () => folder.clearEarlier(),
  });
  await run.finish();
  // Every mask is written: the workers' memory is let go before the export's last files are made.
  pool.close();
  if (summary.folderCreated) {
    await writeFolderFiles(folder, plan, masks);
    await finishExport(folder, {
      metadata: metadataOf(plan, masks),
      plan,
      table: masks.table,
      configuration,
      summary,
      report,
      shard: options.shard,
      card: options.card,
    });
  }
  summary.durationMs = performance.now() - started;
  return summary;
}

/**
 * What the run needs from the lab before its tasks: the configuration, its masks and filters. An
 * update's earlier manifest may still be being read meanwhile: a damage found there is told
 * before an error found here.
 */
async function planRun(
  folder: ExportFolder,
  options: ExportMasksOptions,
  plan: ExportPlan,
  prepared: PreparedFolder,
) {
  try {
    const pinned = await pinnedMapOf(options, plan.mode, folder.files);
    const configuration = await options.client.getProjectConfiguration(plan.projectId);
    const masks = planMasks(configuration, plan, { ...options, pinned });
    const filters = plan.mode === "incremental"
      ? incrementalFilters(plan.requestFilters, prepared, plan.maskFormat, masks.settings)
      : plan.requestFilters;
    return { pinned, configuration, masks, filters };
  } catch (error) {
    await prepared.previous.indexed();
    throw error;
  }
}

/**
 * Opens the folder; the earlier export's file names are claimed as its manifest is read, in
 * that one pass over it rather than a second one (100,000 lines for as many tasks). A resumed or
 * updated export's folder is walked meanwhile on one of the pool's workers (and an update's
 * manifest lines copied as they are told from those written again there too), not on this thread,
 * when the folder is on the system's file system; the workers start then, and the first masks
 * find them loaded.
 */
async function openClaimingNames(
  folder: ExportFolder,
  options: ExportMasksOptions,
  run: { plan: ExportPlan; pool: ConvertPool },
) {
  const registry = new MaskFileRegistry({
    reserved: ExportFolder.RESERVED_NAMES,
    platform: options.platform ?? hostPlatform(),
  });
  const { plan, pool } = run;
  const onSystem = options.fileSystem === undefined || options.fileSystem === DENO_FILE_SYSTEM;
  // A dry run starts no workers but an update's (its lines are told there).
  const reused = plan.mode === "incremental" || (plan.mode === "resume" && !plan.dryRun);
  const elsewhere = reused && onSystem && !pool.inThread;
  // The workers load while the configuration and the first page are fetched (a cold worker
  // takes about as long as those requests), not after the first masks came; a resumed export's
  // check its kept files from its first task on.
  if (elsewhere || !plan.dryRun) pool.start();
  const prepared = await folder.open((entry) => {
    if (entry.path) registry.claim(entry.path, entry.taskId);
  }, elsewhere ? onWorkers(pool, folder.files.root, plan.mode) : {});
  return { prepared, registry };
}

/** What a reused folder's opening does on the pool's workers: the walk; an update's lines' check. */
function onWorkers(pool: ConvertPool, root: string, mode: FolderMode) {
  const listUnsafe = () => pool.unsafeEntries(root);
  if (mode !== "incremental") return { listUnsafe };
  return { listUnsafe, unwritten: (lines: ManifestLines) => pool.unwrittenLines(lines) };
}

/**
 * The `panoptic` format's own files once the masks are written: `panoptic.json` and, with a
 * split, `panoptic_<split>.json` (from the manifest); `finishExport` writes the others,
 * `export.json` last.
 */
async function writeFolderFiles(folder: ExportFolder, plan: ExportPlan, masks: MaskPlan) {
  const { projectId, startedAt, maskFormat } = plan;
  if (maskFormat === "panoptic") {
    const { table, stuffClasses = [] } = masks;
    const splits = plan.split?.parts.map((part) => part.name);
    await writePanopticJson(folder.files, { table, stuffClasses, projectId, startedAt, splits });
  }
}

/** What the run of an export is made of. */
interface RunParts {
  plan: ExportPlan;
  masks: MaskPlan;
  prepared: PreparedFolder;
  summary: ExportSummary;
  pool: ConvertPool;
  report?: ExportReport;
  options: ExportMasksOptions;
  registry: MaskFileRegistry;
}

/** The run of an export: its task exporter, its folder's names, and its pace. */
function exportRun(folder: ExportFolder, parts: RunParts): ExportRun {
  const { plan, masks, options } = parts;
  return new ExportRun(folder, {
    exporter: new TaskExporter(folder.files, {
      format: plan.maskFormat,
      table: masks.table,
      colourByBChannel: masks.colourByBChannel,
      source: masks.source,
      maxPixels: options.maxPixels,
      pool: parts.pool,
      report: parts.report,
      budget: plan.budget,
      stuffClasses: masks.stuffClasses,
      card: options.card,
    }),
    summary: parts.summary,
    createFolder: () => folder.create(plan.maskFormat, masks.table),
    reservedNames: ExportFolder.RESERVED_NAMES,
    previous: parts.prepared.previous,
    keepComplete: plan.mode === "resume",
    replaceExtension: options.replaceExtension,
    split: plan.split,
    dryRun: plan.dryRun,
    platform: options.platform ?? hostPlatform(),
    registry: parts.registry,
    // One mask waiting for each worker while it converts another.
    inFlight: 2 * parts.pool.size,
    onProgress: options.onProgress,
  });
}

/**
 * A resumed export keeps the tasks its manifest lists at little cost each (their files are
 * checked, not converted): while it reads those, pages are asked a few at a time, so that its
 * walk over them is not one request's latency a page. An update asks as many while it still reads
 * its earlier manifest. Then one ahead, as any export.
 */
function pagesAhead(plan: ExportPlan, earlier: EarlierManifest, taken: () => number) {
  if (plan.mode === "incremental") return () => earlier.reading ? PAGES_AHEAD_MEANWHILE : 1;
  if (plan.mode !== "resume") return undefined;
  return () => taken() < earlier.size ? PAGES_AHEAD_MEANWHILE : 1;
}

/** What {@linkcode runTasks} works with. */
interface TaskRunContext {
  plan: ExportPlan;
  filters: TaskFilters;
  source: MaskSource;
  files: ExportFolderFs;
  /** The earlier export's manifest (incremental). */
  earlier: EarlierManifest;
  summary: ExportSummary;
  options: ExportMasksOptions;
  /** Clears what an earlier run left, once its manifest is read (see `ExportFolder`). */
  clearEarlier: () => Promise<void>;
}

/**
 * Streams the tasks page by page into the run; an incremental run asks its first pages while the
 * rest of its earlier manifest is read (nothing is written before it is read whole), then carries
 * over, or removes, the earlier export's tasks that did not come back. On any error the run stops
 * after its running tasks, keeping the partial manifest for `resume`.
 */
async function runTasks(run: ExportRun, context: TaskRunContext): Promise<void> {
  const { plan, filters, summary, options, earlier } = context;
  const { client, signal } = options;
  const masks = new MaskDetacher(context.source);
  let taken = 0;
  const requests = new AbortController();
  const loop = eachTask({
    client,
    projectId: plan.projectId,
    filters,
    shard: options.shard,
    signal,
    onTask: masks.detach,
    pagesAhead: pagesAhead(plan, earlier, () => taken),
    requests: requests.signal,
    onStart: (total) => {
      summary.total = total;
      options.onProgress?.({ type: "start", total, folder: plan.folder });
    },
  });
  const first = plan.mode === "incremental" ? loop.next() : undefined;
  first?.catch(() => {});
  try {
    await earlier.indexed();
    await context.clearEarlier();
    if (plan.mode === "incremental" && !plan.dryRun) await run.begin();
    for (let turn = await (first ?? loop.next()); !turn.done; turn = await loop.next()) {
      const { task, mine } = turn.value;
      // A shard's manifest lists its own tasks alone.
      if (mine) taken++;
      await run.take(task, masks.take(task), mine);
    }
    if (plan.mode === "incremental") {
      const { projectId, filters: userFilters } = plan;
      const query = { projectId, filters, userFilters };
      const files = plan.dryRun ? undefined : context.files;
      const removed = await removeLeftTasks(client, query, earlier, files);
      summary.removed = removed;
      summary.carried = await run.carryOver(removedEntry) - removed;
    }
    // Read no more: closed before the new manifest is renamed over it.
    earlier.close();
  } catch (error) {
    // Its requests under way are abandoned, and the walk ended, before the error is told.
    requests.abort(error);
    await loop.return(undefined).catch(() => {});
    await run.abandon();
    throw error;
  }
}
