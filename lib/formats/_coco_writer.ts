import type { Task } from "../api/types.ts";
import type { ClassTableOptions } from "../detect/class_table.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { taskMask } from "../detect/task_mask.ts";
import { MasksError, PngError, TaskError } from "../errors.ts";
import { maskOf, type ShapesMask } from "../detect/mask_of.ts";
import { MaskFileRegistry } from "../model/mask_file_registry.ts";
import { claimTaskFile, type TaskFileClaim } from "./_task_file_claim.ts";
import type { FormatTaskResult, FormatWriter } from "./format_writer.ts";
import { cocoCategories, type CocoClasses } from "./coco_categories.ts";
import { type CocoShape, cocoVectorAnnotation } from "./coco_vector_annotation.ts";
import type { FormatSource } from "./format_source.ts";
import { OutputFile } from "./output_file.ts";
import type { FileSystem } from "../model/file_system.ts";
import { MaskReadsAhead } from "./_mask_reads_ahead.ts";
import {
  type CocoInstancesReader,
  type CocoMaskInstances,
  cocoMaskInstances,
} from "./coco_mask_instances.ts";
import {
  type CocoPolygonInstances,
  cocoPolygonInstances,
  type CocoPolygonsReader,
} from "./mask_instance_polygons.ts";

const TEXT = new TextEncoder();

/** One image's entry: its size, its annotations, and how many were left out. */
interface CocoImage {
  width: number;
  height: number;
  /** Its annotations; a mask's polygons come as their JSON text. */
  shapes: (CocoShape | Omit<CocoShape, "segmentation"> & { segmentation: string })[];
  leftOut: number;
}

/** How a COCO file is written: for real or not, the pixel limit, its date, the file calls. */
interface CocoWriterOptions {
  dryRun: boolean;
  /** The class map to keep, if any. */
  pinning: Pick<ClassTableOptions, "pinned" | "allowRemovedLabels">;
  maxPixels?: number;
  now: Date;
  fileSystem?: FileSystem;
  /** Masks' instances as polygons traced with this tolerance, rather than RLE. */
  polygons?: { tolerance: number };
  /** Masks: where they are read (RLE) or traced, ahead of their turn (the export's workers). */
  reader?: CocoInstancesReader & CocoPolygonsReader;
}

/** A mask's instances as RLE or as polygons. */
type ReadInstances = { instances: CocoMaskInstances } | { polygons: CocoPolygonInstances };

/**
 * Writes one COCO instances file. Images go to the file as they come; annotations go to a second
 * temporary file, appended after the images at the end: both lists stream, neither is held.
 */
export class CocoWriter implements FormatWriter {
  #file: OutputFile;
  #annotationsFile: OutputFile;
  #source: FormatSource;
  #classes: CocoClasses;
  #options: CocoWriterOptions;
  #registry = new MaskFileRegistry();
  #images = 0;
  #annotations = 0;
  /** Masks of tasks to come, being read on the pool's workers. */
  #reads: MaskReadsAhead<ReadInstances>;

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
    // As the mask export: twice as many masks in flight as workers, so none waits for the next.
    const reader = reads ? options.reader : undefined;
    this.#reads = new MaskReadsAhead(reader ? 2 * reader.size : 0, (bytes) => this.#read(bytes));
  }

  /** How many tasks the export hands to {@linkcode prepare} before it takes the first. */
  get ahead(): number {
    return this.#reads.ahead;
  }

  /** Starts reading a task's mask to come on a worker, so that masks are read in parallel. */
  prepare(task: Task, mine: boolean): void {
    if (!mine) return;
    const found = this.#found(task);
    if (found?.kind === "uri") this.#reads.start(task, found.value);
  }

  async take(task: Task, mine: boolean): Promise<FormatTaskResult | undefined> {
    const found = this.#found(task);
    if (found === undefined) {
      const what = this.#source.geometry === "segmentation" ? "mask" : "annotations";
      return mine ? { status: "skipped", reason: `no ${what}` } : undefined;
    }
    let claim: TaskFileClaim;
    try {
      // Every shard claims every task's name, as the mask export's shards do.
      claim = claimTaskFile(this.#registry, task, { replaceExtension: false });
    } catch (error) {
      if (!(error instanceof TaskError)) throw error;
      // Its mask, read ahead, is not waited for.
      this.#reads.drop(task);
      return mine ? { status: "failed", reason: error.reason } : undefined;
    }
    if (!mine) return undefined;
    let image: CocoImage;
    try {
      image = found.kind === "uri"
        ? await this.#maskShapes(found.value, task)
        : this.#vectorShapes(found);
    } catch (error) {
      if (!(error instanceof MasksError)) throw error;
      const setting = error instanceof PngError ? error.setting : undefined;
      return { status: "failed", reason: error.message, setting };
    }
    // The image is named as its mask would be: `<name>.png` less `.png`, de-duplicated alike.
    const fileName = claim.file.slice(0, -".png".length);
    if (!this.#options.dryRun) await this.#write(task, fileName, image);
    const labels = this.#labelsOf(image);
    if (claim.file === claim.wanted) return { status: "exported", leftOut: image.leftOut, labels };
    return {
      status: "exported",
      leftOut: image.leftOut,
      labels,
      file: fileName,
      renamedFrom: claim.wanted.slice(0, -".png".length),
      renameReason: claim.reason,
    };
  }

  /** The task's mask (a data URI) or shapes, `undefined` when it has none, as the mask export finds them. */
  #found(task: Task): { kind: "uri"; value: unknown } | ShapesMask | undefined {
    if (this.#source.geometry === "segmentation") {
      const value = taskMask(task, { input: this.#source.input, kind: "mask" } as MaskSource);
      return value === undefined ? undefined : { kind: "uri", value };
    }
    const mask = maskOf(
      task,
      { input: this.#source.input, kind: this.#vectorKind() } as MaskSource,
    );
    // A vector source's mask is its shapes, or none.
    return mask?.kind === "shapes" ? mask : undefined;
  }

  /** The label ids of an image's annotations, each once, in class order. */
  #labelsOf(image: CocoImage): string[] {
    const ids = new Set(image.shapes.map((shape) => shape.category_id));
    return this.#classes.categories.filter((category) => ids.has(category.id))
      .map((category) => category.name);
  }

  #vectorKind(): "rectangle" | "polygon" {
    return this.#source.geometry === "rectangle" ? "rectangle" : "polygon";
  }

  async finish(): Promise<void> {
    if (this.#images === 0) return;
    await this.#file.write(TEXT.encode('\n],\n"annotations": ['));
    await this.#file.append(this.#annotationsFile);
    await this.#file.write(TEXT.encode("\n]\n}\n"));
    await this.#file.commit();
  }

  async finishEmpty(): Promise<void> {
    if (this.#options.dryRun || this.#images > 0) return;
    await this.#file.write(TEXT.encode(`${this.#header()}\n],\n"annotations": [\n]\n}\n`));
    await this.#file.commit();
  }

  async abandon(): Promise<void> {
    this.#reads.clear();
    await this.#annotationsFile.abandon();
    await this.#file.abandon();
  }

  async #write(task: Task, fileName: string, image: CocoImage) {
    const imageId = ++this.#images;
    if (imageId === 1) await this.#file.write(TEXT.encode(this.#header()));
    const entry = {
      id: imageId,
      file_name: fileName,
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
      };
      // The segmentation last, as JSON text already when traced on a worker.
      const segmentation = typeof shape.segmentation === "string"
        ? shape.segmentation
        : JSON.stringify(shape.segmentation);
      const json = `${JSON.stringify(annotation).slice(0, -1)},"segmentation":${segmentation}}`;
      text += `${this.#annotations === 1 ? "\n" : ",\n"}${json}`;
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

  /**
   * Segmentation: one RLE (or polygons) annotation per (R, B) instance of the mask, read on a
   * worker (ahead of time) or here.
   */
  async #maskShapes(value: unknown, task: Task): Promise<CocoImage> {
    if (this.#options.dryRun) return { width: 0, height: 0, shapes: [], leftOut: 0 };
    const read = await this.#reads.take(task, value);
    const { width, height } = "polygons" in read ? read.polygons : read.instances;
    const shapes = "polygons" in read
      ? read.polygons.instances.map((instance) => ({
        category_id: instance.classIndex,
        segmentation: instance.segmentation,
        area: instance.area,
        bbox: instance.bbox,
      }))
      : read.instances.instances.map((instance) => ({
        category_id: instance.classIndex,
        segmentation: { size: [height, width] as [number, number], counts: instance.counts },
        area: instance.area,
        bbox: instance.bbox,
      }));
    return { width, height, shapes, leftOut: 0 };
  }

  /** Reads a mask's instances: on the pool's workers when masks are read ahead, else here. */
  #read(bytes: Uint8Array): ReadInstances | Promise<ReadInstances> {
    const job = {
      bytes,
      maxPixels: this.#options.maxPixels,
      classOfBChannel: this.#classes.classOfBChannel,
    };
    const polygons = this.#options.polygons;
    const reader = this.ahead === 0 ? undefined : this.#options.reader;
    if (!reader) {
      return polygons
        ? { polygons: cocoPolygonInstances({ ...job, ...polygons }) }
        : { instances: cocoMaskInstances(job) };
    }
    return polygons
      ? reader.cocoPolygons({ ...job, ...polygons }).then((traced) => ({ polygons: traced }))
      : reader.cocoInstances(job).then((instances) => ({ instances }));
  }

  /** Polygon and rectangle: one annotation per annotation with a classed label. */
  #vectorShapes(mask: ShapesMask): CocoImage {
    const kind = this.#vectorKind();
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
