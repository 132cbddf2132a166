import type { Task } from "../api/types.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { taskMask } from "../detect/task_mask.ts";
import { MasksError, PngError, TaskError } from "../errors.ts";
import { MaskFileRegistry } from "../model/mask_file_registry.ts";
import { cocoCategories, type CocoClasses } from "./coco_categories.ts";
import { claimTaskFile, type TaskFileClaim } from "./_task_file_claim.ts";
import { MaskReadsAhead } from "./_mask_reads_ahead.ts";
import {
  type YoloClasses,
  yoloClassesOf,
  type YoloSegmentFile,
  yoloSegmentFile,
  type YoloSegmentReader,
} from "./yolo_segment_lines.ts";
import { answersOf, type FormatTaskResult, type FormatWriter } from "./format_writer.ts";
import type { FormatSource } from "./format_source.ts";
import type { OutputFile } from "./output_file.ts";
import { yoloDataYaml, yoloNames, type YoloNamesOptions } from "./yolo_names.ts";
import { splitOf, type SplitPlan } from "../model/split_plan.ts";
import { yoloLabelLines } from "./yolo_label_lines.ts";
import { type DeflatedEntry, deflatedEntry, ZipWriter } from "./zip_writer.ts";

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
  /**
   * `yolo-seg`: polygons traced from the masks, with this tolerance and pixel limit, ahead of
   * their turn on the `reader` (the export's workers), if any.
   */
  fromMasks?: { tolerance: number; maxPixels?: number; reader?: YoloSegmentReader };
}

/** A label file: its zip entry (none in a dry run), its YOLO classes, and whether it is empty. */
interface LabelFile {
  entry?: DeflatedEntry;
  classes: readonly number[];
  empty: boolean;
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
  #fromMasks?: YoloWriterOptions["fromMasks"] & { classes: CocoClasses; yolo: YoloClasses };
  /** `yolo` on masks: the tasks with a mask whose label file is empty. */
  #emptyWithMask = 0;
  /** `yolo-seg`: masks of tasks to come, being traced on the pool's workers. */
  #reads: MaskReadsAhead<YoloSegmentFile>;

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
      this.#fromMasks = {
        ...options.fromMasks,
        classes,
        yolo: yoloClassesOf(this.#names, classes),
      };
    }
    // As the mask export: twice as many masks in flight as workers, so none waits for the next.
    const reader = options.dryRun ? undefined : options.fromMasks?.reader;
    this.#reads = new MaskReadsAhead(
      reader ? 2 * reader.size : 0,
      (bytes) => this.#maskFile(bytes),
    );
  }

  /** How many tasks the export hands to {@linkcode prepare} before it takes the first. */
  get ahead(): number {
    return this.#reads.ahead;
  }

  /** `yolo-seg`: starts tracing a task's mask to come on a worker, so that masks are traced in parallel. */
  prepare(task: Task, mine: boolean): void {
    if (!mine) return;
    const mask = this.#maskOf(task);
    if (mask !== undefined) this.#reads.start(task, mask);
  }

  #maskOf(task: Task): unknown {
    return this.#source.geometry === "segmentation"
      ? taskMask(task, { input: this.#source.input, kind: "mask" } as MaskSource)
      : undefined;
  }

  async take(task: Task, mine: boolean): Promise<FormatTaskResult | undefined> {
    const mask = this.#maskOf(task);
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
      // Its mask, read ahead, is not waited for.
      this.#reads.drop(task);
      return mine ? { status: "failed", reason: error.reason } : undefined;
    }
    if (!mine) return undefined;
    const path = labelPath(claim.file);
    let file: LabelFile;
    try {
      file = this.#fromMasks ? await this.#traced(mask, task) : this.#annotationFile(task);
    } catch (error) {
      if (!(error instanceof MasksError)) throw error;
      const setting = error instanceof PngError ? error.setting : undefined;
      return { status: "failed", reason: error.message, setting };
    }
    if (mask !== undefined && file.empty) this.#emptyWithMask++;
    if (file.entry !== undefined) {
      if (!this.#started) {
        this.#started = true;
        await this.#zip.add("data.yaml", TEXT.encode(this.#dataYaml()));
      }
      await this.#zip.addDeflated(path, file.entry);
    }
    const labels = this.#names.filter((_, index) => file.classes.includes(index));
    if (claim.file === claim.wanted) return { status: "exported", file: path, labels };
    return {
      status: "exported",
      file: path,
      labels,
      renamedFrom: labelPath(claim.wanted),
      renameReason: claim.reason,
    };
  }

  /** `data.yaml`; `yolo-seg` without splits adds `train` and `val`, which Ultralytics needs. */
  #dataYaml(): string {
    const splits = this.#split?.parts.map((part) => part.name);
    const yaml = yoloDataYaml(this.#names, { root: this.#root, splits });
    const folders = this.#fromMasks && !splits?.length ? "train: images\nval: images\n" : "";
    return yaml + folders;
  }

  /** The SDK's label file, from the task's annotations. */
  #annotationFile(task: Task): LabelFile {
    const { answers, body } = answersOf(task, this.#source);
    const text = yoloLabelLines(answers?.annotations, {
      names: this.#names,
      geometry: this.#source.geometry!,
      image: (answers?.image ?? body?.image) as { width?: unknown; height?: unknown },
    });
    const entry = this.#dryRun ? undefined : deflatedEntry(TEXT.encode(text));
    return { entry, classes: classesOfLines(text), empty: text === "" };
  }

  /** `yolo-seg`: the mask's label file (made on a worker, ahead of time, or here). */
  async #traced(mask: unknown, task: Task): Promise<LabelFile> {
    if (this.#dryRun) return { classes: [], empty: true };
    const { classes, ...entry } = await this.#reads.take(task, mask);
    return { entry, classes, empty: entry.size === 0 };
  }

  /** Makes a mask's label file: on the pool's workers when masks are read ahead, else here. */
  #maskFile(bytes: Uint8Array): YoloSegmentFile | Promise<YoloSegmentFile> {
    const { tolerance, maxPixels, classes, yolo, reader } = this.#fromMasks!;
    const job = { bytes, maxPixels, classOfBChannel: classes.classOfBChannel, tolerance, ...yolo };
    return this.ahead > 0 && reader ? reader.yoloSegmentFile(job) : yoloSegmentFile(job);
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
    this.#reads.clear();
    return this.#file.abandon();
  }
}

/** `labels/<name>.txt` for a mask path `<name>.png`. */
function labelPath(png: string): string {
  return `labels/${png.slice(0, -".png".length)}.txt`;
}

/** The YOLO classes of a label file's lines (each starts with its class), each once, ascending. */
function classesOfLines(text: string): number[] {
  const classes = new Set<number>();
  for (const line of text.split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0) classes.add(Number(line.slice(0, space)));
  }
  return [...classes].sort((a, b) => a - b);
}
