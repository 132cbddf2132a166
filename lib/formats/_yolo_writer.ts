import type { Task } from "../api/types.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { taskMask } from "../detect/task_mask.ts";
import { MasksError, PngError, TaskError } from "../errors.ts";
import { MaskFileRegistry } from "../model/mask_file_registry.ts";
import { cocoCategories, type CocoClasses } from "./coco_categories.ts";
import { claimTaskFile, type TaskFileClaim } from "./_task_file_claim.ts";
import { taskMaskPixels } from "./_task_mask_pixels.ts";
import { yoloSegmentLines } from "./yolo_segment_lines.ts";
import { answersOf, type FormatTaskResult, type FormatWriter } from "./format_writer.ts";
import type { FormatSource } from "./format_source.ts";
import type { OutputFile } from "./output_file.ts";
import { yoloDataYaml, yoloNames, type YoloNamesOptions } from "./yolo_names.ts";
import { splitOf, type SplitPlan } from "../model/split_plan.ts";
import { yoloLabelLines } from "./yolo_label_lines.ts";
import { ZipWriter } from "./zip_writer.ts";

const TEXT = new TextEncoder();

/** How a YOLO zip is written. */
export interface YoloWriterOptions {
  /** Cut the task name's extension from label file names. */
  replaceExtension: boolean;
  /** List, write nothing. */
  dryRun: boolean;
  /** The zip entries' time. */
  modified: Date;
  /** The class map to keep, if any. */
  pinning: YoloNamesOptions;
  /** The splits, whose names prefix the label files. */
  split?: SplitPlan;
  /** `yolo-seg`: polygons traced from the masks, with this tolerance and pixel limit. */
  fromMasks?: { tolerance: number; maxPixels?: number };
}

/**
 * Writes a YOLO zip: `data.yaml`, then `labels/<task name>.txt` for every task. `yolo` is the
 * SDK's, from the annotations; `yolo-seg` (`fromMasks`) traces each task's mask into
 * Ultralytics segmentation lines, names labels as Ultralytics looks them up (`images/a.jpg` →
 * `labels/a.txt`), skips tasks without a mask, and completes `data.yaml` with `train` and `val`.
 */
export class YoloWriter implements FormatWriter {
  #file: OutputFile;
  #zip: ZipWriter;
  #source: FormatSource;
  #names: string[];
  #replaceExtension: boolean;
  #dryRun: boolean;
  #registry = new MaskFileRegistry();
  #started = false;
  #split?: SplitPlan;
  #root: string;
  #fromMasks?: { tolerance: number; maxPixels?: number; classes: CocoClasses };
  /** `yolo` on masks: the tasks with a mask whose label file is empty. */
  #emptyWithMask = 0;

  constructor(file: OutputFile, source: FormatSource, options: YoloWriterOptions) {
    this.#file = file;
    this.#zip = new ZipWriter(file, { modified: options.modified });
    this.#source = source;
    this.#names = yoloNames(source.metadata, options.pinning);
    this.#split = options.split;
    // Where the zip is meant to be unpacked: a folder named as the zip, without `.zip`.
    this.#root = file.path.replace(/^.*[\\/]/, "").replace(/\.zip$/, "");
    this.#replaceExtension = options.replaceExtension || options.fromMasks !== undefined;
    this.#dryRun = options.dryRun;
    if (options.fromMasks) {
      const classes = cocoCategories(source.metadata, false, options.pinning);
      this.#fromMasks = { ...options.fromMasks, classes };
    }
  }

  async take(task: Task, mine: boolean): Promise<FormatTaskResult | undefined> {
    const mask = this.#source.geometry === "segmentation"
      ? taskMask(task, { input: this.#source.input, kind: "mask" } as MaskSource)
      : undefined;
    if (this.#fromMasks && mask === undefined) {
      return mine ? { status: "skipped", reason: "no mask" } : undefined;
    }
    let claim: TaskFileClaim;
    try {
      // The mask files' naming rules, with `.txt` for `.png`: both are 4 characters, so the
      // registry's renaming and length limits give the same names it gives masks.
      const split = this.#split && splitOf(String(task._id), this.#split);
      claim = claimTaskFile(this.#registry, task, {
        replaceExtension: this.#replaceExtension,
        folder: split,
        fileKind: "label file",
      });
    } catch (error) {
      if (!(error instanceof TaskError)) throw error;
      return mine ? { status: "failed", reason: error.reason } : undefined;
    }
    if (!mine) return undefined;
    const path = labelPath(claim.file);
    let text: string;
    try {
      text = this.#fromMasks ? await this.#maskLines(mask) : this.#annotationLines(task);
    } catch (error) {
      if (!(error instanceof MasksError)) throw error;
      const setting = error instanceof PngError ? error.setting : undefined;
      return { status: "failed", reason: error.message, setting };
    }
    if (mask !== undefined && text === "") this.#emptyWithMask++;
    if (!this.#dryRun) {
      if (!this.#started) {
        this.#started = true;
        await this.#zip.add("data.yaml", TEXT.encode(this.#dataYaml()));
      }
      await this.#zip.add(path, TEXT.encode(text));
    }
    const labels = this.#labelsOf(text);
    if (claim.file === claim.wanted) return { status: "exported", file: path, labels };
    return {
      status: "exported",
      file: path,
      labels,
      renamedFrom: labelPath(claim.wanted),
      renameReason: claim.reason,
    };
  }

  /** The label ids of a label file's lines (each starts with its class), each once, in class order. */
  #labelsOf(text: string): string[] {
    const classes = new Set<number>();
    for (const line of text.split("\n")) {
      const space = line.indexOf(" ");
      if (space > 0) classes.add(Number(line.slice(0, space)));
    }
    return this.#names.filter((_, index) => classes.has(index));
  }

  /** `data.yaml`; `yolo-seg` without splits adds `train` and `val`, which Ultralytics needs. */
  #dataYaml(): string {
    const splits = this.#split?.parts.map((part) => part.name);
    const yaml = yoloDataYaml(this.#names, { root: this.#root, splits });
    const folders = this.#fromMasks && !splits?.length ? "train: images\nval: images\n" : "";
    return yaml + folders;
  }

  /** The SDK's lines, from the task's annotations. */
  #annotationLines(task: Task): string {
    const { answers, body } = answersOf(task, this.#source);
    return yoloLabelLines(answers?.annotations, {
      names: this.#names,
      geometry: this.#source.geometry!,
      image: (answers?.image ?? body?.image) as { width?: unknown; height?: unknown },
    });
  }

  /** `yolo-seg`: the mask's instances traced as polygons. */
  async #maskLines(mask: unknown): Promise<string> {
    if (this.#dryRun) return "";
    const { tolerance, maxPixels, classes } = this.#fromMasks!;
    const pixels = await taskMaskPixels(mask, maxPixels);
    return yoloSegmentLines(pixels, { names: this.#names, classes, tolerance });
  }

  /** `yolo` on masks whose label files came out empty: says, once, where polygons are. */
  notes(): string[] {
    if (this.#fromMasks || this.#emptyWithMask === 0 || this.#dryRun) return [];
    const files = this.#emptyWithMask === 1
      ? "1 label file is"
      : `${this.#emptyWithMask} label files are`;
    return [
      `${files} empty although the task has a mask: format yolo writes the masks' polygon ` +
      "approximations, as the SDK does, and these tasks have none; format yolo-seg traces " +
      "polygons from the masks",
    ];
  }

  async finish(): Promise<void> {
    if (!this.#started) return;
    await this.#zip.close();
    await this.#file.commit();
  }

  abandon(): Promise<void> {
    return this.#file.abandon();
  }
}

/** `labels/<name>.txt` for a mask path `<name>.png`. */
function labelPath(png: string): string {
  return `labels/${png.slice(0, -".png".length)}.txt`;
}
