import type { Task } from "../api/types.ts";
import type { ClassTableOptions } from "../detect/class_table.ts";
import type { MaskSource } from "../detect/resolve_mask_source.ts";
import { taskMask } from "../detect/task_mask.ts";
import { MasksError, PngError } from "../errors.ts";
import { maskOf, pngMaskOf } from "../detect/mask_of.ts";
import { decodePng } from "../png/decode_png.ts";
import type { FormatTaskResult, FormatWriter } from "./format_writer.ts";
import { cocoCategories, type CocoClasses } from "./coco_categories.ts";
import { cocoRleString } from "./coco_rle.ts";
import { type CocoShape, cocoVectorAnnotation } from "./coco_vector_annotation.ts";
import type { FormatSource } from "./format_source.ts";
import { OutputFile } from "./output_file.ts";
import type { FileSystem } from "../model/file_system.ts";
import { maskInstances } from "./mask_instances.ts";

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
}

export class CocoWriter implements FormatWriter {
  #file: OutputFile;
  #annotationsFile: OutputFile;
  #source: FormatSource;
  #classes: CocoClasses;
  #options: CocoWriterOptions;
  #images = 0;
  #annotations = 0;

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
    if (this.#images === 0) return;
    await this.#file.write(TEXT.encode('\n],\n"annotations": ['));
    await this.#file.append(this.#annotationsFile);
    await this.#file.write(TEXT.encode("\n]\n}\n"));
    await this.#file.commit();
  }

  async abandon(): Promise<void> {
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

  /** Segmentation: one RLE annotation per (R, B) instance of the decoded mask. */
  async #maskShapes(task: Task) {
    const source = { input: this.#source.input, kind: "mask" } as MaskSource;
    const value = taskMask(task, source);
    if (value === undefined) return undefined;
    if (this.#options.dryRun) return { width: 0, height: 0, shapes: [], leftOut: 0 };
    const mask = pngMaskOf(value);
    if (mask.kind === "invalid") throw new MasksError(`its mask cannot be read: ${mask.reason}`);
    let pixels;
    try {
      pixels = await decodePng(mask.bytes, { maxPixels: this.#options.maxPixels });
    } catch (error) {
      if (!(error instanceof MasksError)) throw error;
      const reason = `its mask cannot be read: ${error.message}`;
      // A PNG above the pixel limit keeps its setting, for each surface to name.
      if (error instanceof PngError) {
        throw new PngError(reason, { cause: error, setting: error.setting });
      }
      throw new MasksError(reason, { cause: error });
    }
    const { width, height } = pixels;
    const shapes = maskInstances(pixels, this.#classes.classOfBChannel).map((instance) => ({
      category_id: instance.classIndex,
      segmentation: {
        size: [height, width] as [number, number],
        counts: cocoRleString(instance.counts),
      },
      area: instance.area,
      bbox: instance.bbox,
    }));
    return { width, height, shapes, leftOut: 0 };
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
