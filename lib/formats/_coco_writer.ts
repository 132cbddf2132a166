import type { Task } from "../api/types.ts";
import type { ClassTableOptions } from "../detect/class_table.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { taskMask } from "../detect/task_mask.ts";
import { MasksError, PngError } from "../errors.ts";
import { maskOf, pngMaskOf } from "../detect/mask_of.ts";
import { ConvertPool } from "../export/_convert_pool.ts";
import type { FormatTaskResult, FormatWriter } from "./format_writer.ts";
import { cocoCategories, type CocoClasses } from "./coco_categories.ts";
import { type CocoShape, cocoVectorAnnotation } from "./coco_vector_annotation.ts";
import type { FormatSource } from "./format_source.ts";
import { OutputFile } from "./output_file.ts";
import type { FileSystem } from "../model/file_system.ts";
import { type CocoMaskInstances, cocoMaskInstances } from "./coco_mask_instances.ts";

const TEXT = new TextEncoder();

/**
 * Writes one COCO instances file. Images go to the file as they come; annotations go to a second
 * temporary file, appended after the images at the end: both lists stream, neither is held.
 */
/** How a COCO file is written: for real or not, the pixel limit, its date, the file calls. */
interface CocoWriterOptions {
  dryRun: boolean;
  /** The class map to keep, if any. */
  pinning: Pick<ClassTableOptions, "pinned" | "allowRemovedLabels">;
  maxPixels?: number;
  now: Date;
  fileSystem?: FileSystem;
  /** How many masks are read at once, on workers. Default: one per core. */
  concurrency?: number;
  /** The worker module, where a bundle ships its own. */
  workerUrl?: URL;
}

/** A mask's instances, or why they could not be read. */
type ReadInstances = { instances: CocoMaskInstances } | { error: unknown };

export class CocoWriter implements FormatWriter {
  #file: OutputFile;
  #annotationsFile: OutputFile;
  #source: FormatSource;
  #classes: CocoClasses;
  #options: CocoWriterOptions;
  #images = 0;
  #annotations = 0;
  /** Masks of tasks to come, being read on the pool's workers. */
  #pending = new Map<Task, Promise<ReadInstances>>();
  #pool?: ConvertPool;
  /** How many tasks the export hands to {@linkcode prepare} before it takes the first. */
  readonly ahead: number;

  constructor(
    file: OutputFile,
    source: FormatSource,
    options: CocoWriterOptions,
  ) {
    this.#file = file;
    this.#annotationsFile = new OutputFile(`${file.path}.annotations`, {
      fileSystem: options.fileSystem,
    });
    this.#source = source;
    this.#options = options;
    this.#classes = cocoCategories(
      source.metadata,
      source.geometry !== "segmentation",
      options.pinning,
    );
    const reads = source.geometry === "segmentation" && !options.dryRun;
    const workers = Math.max(1, options.concurrency ?? navigator.hardwareConcurrency ?? 1);
    // As the mask export: twice as many masks in flight as workers, so none waits for the next.
    this.ahead = reads ? 2 * workers : 0;
  }

  /** Starts reading the mask of a task to come on a worker, so that masks are read in parallel. */
  prepare(task: Task, mine: boolean): void {
    if (!mine || this.ahead === 0) return;
    const value = taskMask(task, { input: this.#source.input, kind: "mask" } as MaskSource);
    if (value !== undefined) this.#pending.set(task, this.#read(value));
  }

  async take(task: Task, mine: boolean): Promise<FormatTaskResult | undefined> {
    if (!mine) return undefined;
    let image: { width: number; height: number; shapes: CocoShape[]; leftOut: number } | undefined;
    try {
      image = this.#source.geometry === "segmentation"
        ? await this.#maskShapes(task)
        : this.#vectorShapes(task);
    } catch (error) {
      if (!(error instanceof MasksError)) throw error;
      const setting = error instanceof PngError ? error.setting : undefined;
      return { status: "failed", reason: error.message, setting };
    }
    if (image === undefined) {
      const what = this.#source.geometry === "segmentation" ? "mask" : "annotations";
      return { status: "skipped", reason: `no ${what}` };
    }
    if (!this.#options.dryRun) await this.#write(task, image);
    return { status: "exported", leftOut: image.leftOut };
  }

  async finish(): Promise<void> {
    this.#pool?.close();
    if (this.#images === 0) return;
    await this.#file.write(TEXT.encode('\n],\n"annotations": ['));
    await this.#file.append(this.#annotationsFile);
    await this.#file.write(TEXT.encode("\n]\n}\n"));
    await this.#file.commit();
  }

  async abandon(): Promise<void> {
    this.#pool?.close();
    this.#pending.clear();
    await this.#annotationsFile.abandon();
    await this.#file.abandon();
  }

  async #write(task: Task, image: { width: number; height: number; shapes: CocoShape[] }) {
    const imageId = ++this.#images;
    if (imageId === 1) await this.#file.write(TEXT.encode(this.#header()));
    const entry = {
      id: imageId,
      file_name: task.name,
      width: image.width,
      height: image.height,
      lab_task_id: task._id,
    };
    await this.#file.write(TEXT.encode(`${imageId === 1 ? "\n" : ",\n"}${JSON.stringify(entry)}`));
    let text = "";
    for (const shape of image.shapes) {
      const annotation = {
        id: ++this.#annotations,
        image_id: imageId,
        category_id: shape.category_id,
        iscrowd: 0,
        area: shape.area,
        bbox: shape.bbox,
        segmentation: shape.segmentation,
      };
      text += `${this.#annotations === 1 ? "\n" : ",\n"}${JSON.stringify(annotation)}`;
    }
    if (text) await this.#annotationsFile.write(TEXT.encode(text));
  }

  #header(): string {
    const info = {
      description: `lab project ${this.#source.projectId}`,
      date_created: this.#options.now.toISOString(),
    };
    return `{\n"info": ${JSON.stringify(info)},\n"licenses": [],\n"categories": ` +
      `${JSON.stringify(this.#classes.categories)},\n"images": [`;
  }

  /** Segmentation: one RLE annotation per (R, B) instance of the mask. */
  async #maskShapes(task: Task) {
    const source = { input: this.#source.input, kind: "mask" } as MaskSource;
    const value = taskMask(task, source);
    if (value === undefined) return undefined;
    if (this.#options.dryRun) return { width: 0, height: 0, shapes: [], leftOut: 0 };
    const pending = this.#pending.get(task);
    this.#pending.delete(task);
    const read = await (pending ?? this.#read(value));
    if ("error" in read) {
      const { error } = read;
      if (!(error instanceof MasksError)) throw error;
      const reason = `its mask cannot be read: ${error.message}`;
      // A PNG above the pixel limit keeps its setting, for each surface to name.
      if (error instanceof PngError) {
        throw new PngError(reason, { cause: error, setting: error.setting });
      }
      throw new MasksError(reason, { cause: error });
    }
    const { width, height, instances } = read.instances;
    const shapes = instances.map((instance) => ({
      category_id: instance.classIndex,
      segmentation: { size: [height, width] as [number, number], counts: instance.counts },
      area: instance.area,
      bbox: instance.bbox,
    }));
    return { width, height, shapes, leftOut: 0 };
  }

  /** Reads a mask's instances: on the pool's workers when masks are read ahead, else here. */
  #read(value: unknown): Promise<ReadInstances> {
    const mask = pngMaskOf(value);
    if (mask.kind === "invalid") return Promise.resolve({ error: new MasksError(mask.reason) });
    const job = {
      bytes: mask.bytes,
      maxPixels: this.#options.maxPixels,
      classOfBChannel: this.#classes.classOfBChannel,
    };
    try {
      if (this.ahead === 0) return Promise.resolve({ instances: cocoMaskInstances(job) });
    } catch (error) {
      return Promise.resolve({ error });
    }
    const { concurrency, workerUrl } = this.#options;
    this.#pool ??= new ConvertPool({ size: concurrency, workerUrl });
    return this.#pool.cocoInstances(job).then(
      (instances) => ({ instances }),
      (error) => ({ error }),
    );
  }

  /** Polygon and rectangle: one annotation per annotation with a classed label. */
  #vectorShapes(task: Task) {
    const kind = this.#source.geometry === "rectangle" ? "rectangle" : "polygon";
    const mask = maskOf(task, { input: this.#source.input, kind } as MaskSource);
    // A vector source's mask is its shapes, or none.
    if (mask?.kind !== "shapes") return undefined;
    const size = mask.image;
    if (!size || !Number.isSafeInteger(size.width) || !Number.isSafeInteger(size.height)) {
      throw new MasksError(
        "its image size is missing (data.body.image with width and height), so its shapes " +
          "cannot be placed in pixels",
      );
    }
    const shapes: CocoShape[] = [];
    let leftOut = 0;
    for (const annotation of mask.annotations) {
      const shape = cocoVectorAnnotation(annotation, {
        kind,
        size,
        classOfLabel: this.#classes.classOfLabel,
      });
      if (shape) shapes.push(shape);
      else leftOut++;
    }
    return { width: size.width, height: size.height, shapes, leftOut };
  }
}
