import type { Task } from "../api/types.ts";
import { MasksError, TaskError } from "../errors.ts";
import { maskFilePath } from "../model/mask_file_path.ts";
import { MaskFileRegistry } from "../model/mask_file_registry.ts";
import { answersOf, type FormatTaskResult, type FormatWriter } from "./format_writer.ts";
import type { FormatSource } from "./format_source.ts";
import type { OutputFile } from "./output_file.ts";
import { yoloDataYaml, yoloNames, type YoloNamesOptions } from "./yolo_names.ts";
import { splitOf, type SplitPlan } from "../model/split_plan.ts";
import { yoloLabelLines } from "./yolo_label_lines.ts";
import { ZipWriter } from "./zip_writer.ts";

const TEXT = new TextEncoder();

/** Writes the SDK's YOLO zip: `data.yaml`, then `labels/<task name>.txt` for every task. */
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

  constructor(
    file: OutputFile,
    source: FormatSource,
    options: {
      replaceExtension: boolean;
      dryRun: boolean;
      modified: Date;
      pinning: YoloNamesOptions;
      split?: SplitPlan;
    },
  ) {
    this.#file = file;
    this.#zip = new ZipWriter(file, { modified: options.modified });
    this.#source = source;
    this.#names = yoloNames(source.metadata, options.pinning);
    this.#split = options.split;
    // Where the zip is meant to be unpacked: a folder named as the zip, without `.zip`.
    this.#root = file.path.replace(/^.*[\\/]/, "").replace(/\.zip$/, "");
    this.#replaceExtension = options.replaceExtension;
    this.#dryRun = options.dryRun;
  }

  async take(task: Task, mine: boolean): Promise<FormatTaskResult | undefined> {
    let claim: { wanted: string; file: string; reason?: string };
    try {
      // The mask files' naming rules, with `.txt` for `.png`: both are 4 characters, so the
      // registry's renaming and length limits give the same names it gives masks.
      const split = this.#split && splitOf(String(task._id), this.#split);
      const wanted = (split === undefined ? "" : `${split}/`) +
        maskFilePath(task, { replaceExtension: this.#replaceExtension });
      claim = { wanted, ...this.#registry.claimFile(wanted, String(task._id)) };
    } catch (error) {
      if (!(error instanceof TaskError)) throw error;
      return mine ? { status: "failed", reason: error.reason } : undefined;
    }
    if (!mine) return undefined;
    const path = labelPath(claim.file);
    const { answers, body } = answersOf(task, this.#source);
    let text: string;
    try {
      text = yoloLabelLines(answers?.annotations, {
        names: this.#names,
        geometry: this.#source.geometry!,
        image: (answers?.image ?? body?.image) as { width?: unknown; height?: unknown },
      });
    } catch (error) {
      if (!(error instanceof MasksError)) throw error;
      return { status: "failed", reason: error.message };
    }
    if (!this.#dryRun) {
      if (!this.#started) {
        this.#started = true;
        const splits = this.#split?.parts.map((part) => part.name);
        const yaml = yoloDataYaml(this.#names, { root: this.#root, splits });
        await this.#zip.add("data.yaml", TEXT.encode(yaml));
      }
      await this.#zip.add(path, TEXT.encode(text));
    }
    if (claim.file === claim.wanted) return { status: "exported", file: path };
    return {
      status: "exported",
      file: path,
      renamedFrom: labelPath(claim.wanted),
      renameReason: claim.reason,
    };
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
