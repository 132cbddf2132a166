import type { ProjectConfiguration, TaskFilters } from "../api/types.ts";
import { exportTaskFilters } from "../api/export_task_filters.ts";
import { validateTaskFilters } from "../api/validate_task_filters.ts";
import { type ClassTable, classTable } from "../detect/class_table.ts";
import { type MaskSource, resolveMaskSource } from "../detect/resolve_mask_source.ts";
import { resolveSemanticMapping, type RgbColour } from "../detect/resolve_semantic_mapping.ts";
import { ConfigError } from "../errors.ts";
import { mention, SettingMessage, settingMessage, subject } from "../_setting_message.ts";
import type { ExportMasksOptions } from "./export_masks.ts";
import { defaultExportFolderName } from "./export_folder_name.ts";
import type { ExportMetadata, FolderMode } from "./_folder_preparation.ts";
import { DEFAULT_MEMORY_BUDGET_BYTES, MemoryBudget } from "./_memory_budget.ts";
import { checkIgnoreIndex } from "./ignore_index.ts";
import { type MaskFormat, parseMaskFormat } from "./mask_format.ts";
import { outputPathOf } from "./_output_path.ts";
import { incrementalFolder, withEarlierSettings } from "./_earlier_settings.ts";
import { freeDefaultPath } from "./free_default_path.ts";
import type { PinnedClassMap } from "../detect/pinned_class_map.ts";
import { type SplitPlan, splitPlanOf } from "../model/split_plan.ts";
import { projectIdOf } from "../api/project_id.ts";

/** Which tasks an export reads, decided from its options alone: every format shares it. */
export interface TaskPlan {
  /** The project to export. */
  projectId: string;
  /** The export's start time. */
  startedAt: Date;
  /** The user's filters, as given (recorded in `export.json` and the report). */
  filters: TaskFilters;
  /** The filters sent to the lab: the user's, with the optional fields that carry masks. */
  requestFilters: TaskFilters;
}

/** What a mask export will do, decided from its options alone, before any request or file. */
export interface ExportPlan extends TaskPlan {
  /** The kind of mask file. */
  maskFormat: MaskFormat;
  /** The memory the masks in flight may take together. */
  budget: MemoryBudget;
  /** How an earlier export in the folder is treated. */
  mode: FolderMode;
  /** The export folder's absolute path. */
  folder: string;
  /** List, write nothing. */
  dryRun: boolean;
  /** How the tasks are split, if they are. */
  split?: SplitPlan;
}

/**
 * Checks a mask export's options and decides its folder, without a request or a file: the
 * project id, the filters, the mask format, the ignore index's range, the memory budget, one
 * folder mode at most, and the folder's path.
 */
export function planExport(options: ExportMasksOptions): ExportPlan {
  const { projectId, startedAt, filters, requestFilters } = planTasks(options);
  const maskFormat = parseMaskFormat(options.maskFormat ?? "rgb");
  if (options.ignoreIndex !== undefined) checkIgnoreIndex(options.ignoreIndex);
  refusePolygonSettings(options);
  const budget = new MemoryBudget(options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES);
  const mode = folderMode(options);
  const folder = exportFolderPath(options, startedAt);
  const dryRun = options.dryRun ?? false;
  const split = splitPlanOf(options);
  return {
    projectId,
    startedAt,
    filters,
    requestFilters,
    maskFormat,
    budget,
    mode,
    folder,
    dryRun,
    split,
  };
}

/**
 * Checks which tasks an export reads, without a request: the project id and the filters, with the
 * optional fields that carry the tasks' data added. Mask exports and one-file formats share it.
 */
export function planTasks(
  options: Pick<ExportMasksOptions, "projectId" | "filters" | "now">,
): TaskPlan {
  const startedAt = options.now ?? new Date();
  const { projectId } = options;
  if (typeof projectId !== "string" || projectId.trim() === "") {
    throw new ConfigError("The project id is missing: give the id of the project to export", {
      setting: "projectId",
    });
  }
  // It names the export's folder or file: refused before either is made.
  projectIdOf(projectId);
  const filters = options.filters ?? {};
  // the lab API spec, "Tasks": without these optional fields the lab sends no masks.
  const requestFilters = exportTaskFilters(validateTaskFilters(filters));
  return { projectId, startedAt, filters, requestFilters };
}

/** How an export's masks are drawn: where they are, their colours and classes. */
export interface MaskPlan {
  /** Where the masks are: the project, or a form's input. */
  source: MaskSource;
  /** The semantic mapping's colour by bChannel, for `rgb` masks. */
  colourByBChannel?: ReadonlyMap<number, RgbColour>;
  /** The classes of class-index and palette masks. */
  table: ClassTable;
  /** `panoptic`: the class indices of the labels that are stuff. */
  stuffClasses?: number[];
  /** The settings that shape files, recorded in `export.json` for incremental runs. */
  settings: Record<string, unknown>;
}

/**
 * The options with what an incremental run leaves out taken from the export it updates, and the
 * plan, whose default folder name is one no earlier run took.
 */
export async function planExportOf(
  given: ExportMasksOptions,
): Promise<{ options: ExportMasksOptions; plan: ExportPlan }> {
  // The folder settings are checked before an incremental run reads the folder they name.
  if (given.incremental !== undefined) {
    folderMode(given);
    exportFolderPath(given, new Date(0));
  }
  const options = await withEarlierSettings(given);
  const plan = planExport(options);
  if (plan.mode === "new" && !options.outputFilename) {
    plan.folder = await freeDefaultPath(plan.folder, { fileSystem: options.fileSystem });
  }
  return { options, plan };
}

/** Checks the project can export masks as asked, and resolves its labels into colours and classes. */
export function planMasks(
  configuration: ProjectConfiguration,
  plan: ExportPlan,
  options: ExportMasksOptions & { pinned?: PinnedClassMap },
): MaskPlan {
  const source = resolveMaskSource(configuration, options);
  if (options.semanticMapping !== undefined && plan.maskFormat !== "rgb") {
    throw new ConfigError(
      `A semantic mapping recolours "rgb" masks only; the mask format is "${plan.maskFormat}"`,
      { setting: "semanticMapping" },
    );
  }
  const colourByBChannel = options.semanticMapping === undefined
    ? undefined
    : resolveSemanticMapping(options.semanticMapping, source.labels);
  const { ignoreIndex, pinned, allowRemovedLabels } = options;
  const table = classTable(source.labels, { ignoreIndex, pinned, allowRemovedLabels });
  const stuffClasses = stuffClassesOf(options.stuff, plan.maskFormat, table);
  const settings = {
    inputId: source.input?.id,
    replaceExtension: options.replaceExtension ?? false,
    semanticMapping: options.semanticMapping,
    ignoreIndex: table.ignoreIndex,
    filters: plan.filters,
    shard: options.shard,
    ...(options.stuff === undefined ? {} : { stuff: options.stuff }),
    split: plan.split,
  };
  return { source, colourByBChannel, table, settings, stuffClasses };
}

/**
 * `panoptic`: the class index of each label id of `stuff`.
 *
 * @throws {ConfigError} when `stuff` is given with another mask format, or names a label that has
 * no class.
 */
function stuffClassesOf(
  stuff: readonly string[] | undefined,
  maskFormat: MaskFormat,
  table: ClassTable,
): number[] | undefined {
  if (maskFormat !== "panoptic") {
    if (stuff === undefined) return undefined;
    throw new ConfigError(
      settingMessage`${subject("stuff")} marks labels of ${
        mention("maskFormat")
      } panoptic only; the mask format is "${maskFormat}"`,
      { setting: "stuff" },
    );
  }
  return (stuff ?? []).map((id) => {
    const entry = table.classes.find((entry) => entry.id === id);
    if (entry !== undefined) return entry.index;
    const known = table.classes.map((entry) => `"${entry.id}"`).join(", ") || "none";
    throw new ConfigError(
      settingMessage`${
        subject("stuff")
      } names the label "${id}", which has no class in this project; the labels with a bChannel are ${known}`,
      { setting: "stuff" },
    );
  });
}

/**
 * Polygons are traced for one-file formats only.
 *
 * @throws {ConfigError} when `cocoSegmentation` or `polygonTolerance` comes with mask files.
 */
function refusePolygonSettings(options: ExportMasksOptions): void {
  for (const setting of ["cocoSegmentation", "polygonTolerance"] as const) {
    if (options[setting] === undefined) continue;
    throw new ConfigError(
      settingMessage`${subject(setting)} shapes polygons traced from masks, for ${
        mention("format")
      } coco or yolo-seg; this export writes mask files`,
      { setting },
    );
  }
}

/** The `export.json` of an export: its project, start, mask format and the settings that shape files. */
export function metadataOf(plan: ExportPlan, masks: MaskPlan): ExportMetadata {
  const { projectId, startedAt, maskFormat } = plan;
  return { projectId, startedAt: startedAt.toISOString(), maskFormat, settings: masks.settings };
}

function folderMode(options: ExportMasksOptions): FolderMode {
  const chosen = [
    options.resume ? "resume" : undefined,
    options.incremental !== undefined ? "incremental" : undefined,
    options.overwrite ? "overwrite" : undefined,
  ].filter((mode) => mode !== undefined);
  if (chosen.length > 1) {
    // "A and B cannot go together" / "A, B and C cannot go together".
    const texts = ["", ...chosen.slice(1).map((_, i) => i === chosen.length - 2 ? " and " : ", ")];
    texts.push(" cannot go together: they treat an existing export folder differently; keep one");
    throw new ConfigError(new SettingMessage(texts, chosen.map((mode) => mention(mode))), {
      setting: chosen[1],
    });
  }
  return (chosen[0] as FolderMode | undefined) ?? "new";
}

function exportFolderPath(options: ExportMasksOptions, startedAt: Date): string {
  if (options.incremental !== undefined) {
    if (options.outputFolder || options.outputFilename) {
      throw new ConfigError(
        settingMessage`An incremental export updates the folder it names; leave out ${
          mention("outputFolder")
        } and ${mention("outputFilename")}`,
        { setting: "incremental" },
      );
    }
    return incrementalFolder(options.incremental);
  }
  if (options.resume && !options.outputFilename) {
    throw new ConfigError(
      settingMessage`To resume, give the interrupted export's ${mention("outputFilename")} (and ${
        mention("outputFolder")
      }): the default name has the time in it`,
      { setting: "outputFilename" },
    );
  }
  const name = options.outputFilename ||
    defaultExportFolderName(options.projectId, startedAt, { platform: options.platform });
  return outputPathOf(options.outputFolder, name, "export folder");
}
