import { MasksError } from "../errors.ts";
import type { RgbImage } from "../png/rgb_image.ts";
import type { CocoClasses } from "./coco_categories.ts";
import { maskInstances } from "./mask_instances.ts";
import { pythonFloat } from "./python_number.ts";
import { checkedTolerance, instancePolygons } from "./_instance_polygons.ts";
import {
  type InstancePolygons,
  maskInstancePolygons,
  type MaskPolygonsJob,
} from "./mask_instance_polygons.ts";
import { type DeflatedEntry, deflatedEntry } from "./zip_writer.ts";
import { AsciiBytes, packedFractions, type PackedTexts } from "./_ascii_bytes.ts";

/** What {@linkcode yoloSegmentLines} needs besides the mask. */
export interface YoloSegmentOptions {
  /** The class names, from `yoloNames`: a label's class is its first position. */
  names: readonly string[];
  /** The project's classes, from `cocoCategories`: which label each blue value is. */
  classes: Pick<CocoClasses, "categories" | "classOfBChannel">;
  /** Douglas–Peucker tolerance in pixels (0: the pixels exactly). @default {0} */
  tolerance?: number;
}

/**
 * An Ultralytics segmentation label file from a mask: one line per region of each instance
 * (each (R, B) pair with R >= 1 and B a label's bChannel, ordered by R then class), as
 * `<class> <x1> <y1> <x2> <y2> ...`, the polygon traced on the pixel edges
 * ({@linkcode traceInstancePolygons}: a hole is joined to its outline by a cut) and normalized by
 * the mask's width and height, numbers printed as Python prints floats, each line ending in `\n`.
 * The class is the label's first position in the names, as `yolo`'s `data.yaml` lists them.
 *
 * @param image The decoded mask.
 * @param options The class names, the classes and the tolerance.
 * @returns The file's text.
 * @throws {MasksError} when an instance's label is in no main list, so has no YOLO class.
 *
 * @example One car pixel of a 2×1 mask
 * ```ts
 * import { cocoCategories, yoloSegmentLines } from "@lab/masks/formats";
 *
 * const metadata = {
 *   labelOptions: {
 *     mainLists: [{ name: "Objects", keys: ["objects"] }],
 *     availableLabels: { objects: [{ id: "car", bChannel: 7 }] },
 *   },
 * };
 * const classes = cocoCategories(metadata, false);
 * const image = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 1, 1, 7]) };
 * console.log(yoloSegmentLines(image, { names: ["car"], classes })); // "0 1.0 0.0 1.0 1.0 0.5 1.0 0.5 0.0\n"
 * ```
 */
export function yoloSegmentLines(image: RgbImage, options: YoloSegmentOptions): string {
  const { height } = image;
  const tolerance = checkedTolerance(options);
  const instances = maskInstances(image, options.classes.classOfBChannel).map((instance) => ({
    ...instance,
    polygons: instancePolygons(instance, height, tolerance),
  }));
  const traced = { width: image.width, height, instances };
  try {
    const lines = linesOf(traced, yoloClassesOf(options.names, options.classes)).lines;
    return new TextDecoder().decode(lines);
  } finally {
    // A mask that failed halfway lets its lines go too.
    LINES.clear();
  }
}

/** What {@linkcode yoloSegmentFile} reads: plain data, so it can run on a worker. */
export interface YoloSegmentJob extends MaskPolygonsJob, YoloClasses {}

/** Each class's YOLO class and label: what a mask's lines are written with. */
export interface YoloClasses {
  /** The YOLO class of each class (by its index), -1 for one in no main list. */
  yoloClassOf: readonly number[];
  /** The label id of each class (by its index), to name one that has no YOLO class. */
  labelOf: readonly string[];
}

/** A `yolo-seg` label file, deflated for its zip entry, and the YOLO classes its lines show. */
export interface YoloSegmentFile extends DeflatedEntry {
  /** The YOLO classes of its lines, each once, ascending. */
  classes: number[];
}

/**
 * The label file {@linkcode yoloSegmentLines} writes, from a mask's PNG bytes, deflated as a zip
 * entry holds it: the whole of a `yolo-seg` task's work, which the export runs on its workers
 * (its instances traced by `maskInstancePolygons`).
 *
 * @param job The mask's bytes, its classes, the pixel limit, the tolerance, and each class's
 * YOLO class and label (see {@linkcode yoloClassesOf}).
 * @returns The deflated file, its CRC-32 and size, and its classes.
 * @throws {PngError} when the mask cannot be decoded or is above the pixel limit.
 * @throws {MasksError} when an instance's label is in no main list, so has no YOLO class.
 *
 * @example One car pixel of a 2×1 mask
 * ```ts
 * import { encodePng } from "@lab/masks/png";
 * import { yoloSegmentFile } from "@lab/masks/formats";
 *
 * const bytes = await encodePng({ width: 2, height: 1, data: new Uint8Array([0, 0, 0, 1, 1, 7]) });
 * const classOfBChannel = new Uint8Array(256);
 * classOfBChannel[7] = 1;
 * const file = yoloSegmentFile({
 *   bytes, classOfBChannel, tolerance: 0, yoloClassOf: [-1, 0], labelOf: ["", "car"],
 * });
 * console.log(file.size, file.classes); // 34 [0]
 * ```
 */
export function yoloSegmentFile(job: YoloSegmentJob): YoloSegmentFile {
  try {
    const { lines, classes } = linesOf(maskInstancePolygons(job), job);
    return { ...deflatedEntry(lines, { level: LABEL_LEVEL }), classes };
  } finally {
    // A mask that failed halfway lets its lines go too.
    LINES.clear();
  }
}

/** Where `yolo-seg` label files are made ahead of their turn (the export's workers). */
export interface YoloSegmentReader {
  /** How many masks it reads at once. */
  readonly size: number;
  /** Makes one label file, as {@linkcode yoloSegmentFile} does. */
  yoloSegmentFile(job: YoloSegmentJob): Promise<YoloSegmentFile>;
}

/**
 * Each class's YOLO class (its label's first place in the names, as `yolo`'s `data.yaml` lists
 * them) and label, by class index.
 *
 * @param names The class names, from `yoloNames`.
 * @param classes The project's classes, from `cocoCategories`.
 * @returns The lookups {@linkcode yoloSegmentFile} takes.
 *
 * @example
 * ```ts
 * import { yoloClassesOf } from "@lab/masks/formats";
 *
 * const classes = { categories: [{ id: 1, name: "car" }, { id: 2, name: "road" }] };
 * console.log(yoloClassesOf(["road", "car"], classes)); // { yoloClassOf: [ -1, 1, 0 ], labelOf: [ "", "car", "road" ] }
 * ```
 */
export function yoloClassesOf(
  names: readonly string[],
  classes: { categories: readonly { id: number; name: string }[] },
): YoloClasses {
  const last = Math.max(0, ...classes.categories.map((category) => category.id));
  const yoloClassOf: number[] = new Array(last + 1).fill(-1);
  const labelOf: string[] = new Array(last + 1).fill("");
  for (const { id, name } of classes.categories) {
    yoloClassOf[id] = names.indexOf(name);
    labelOf[id] = name;
  }
  return { yoloClassOf, labelOf };
}

/**
 * zlib's level for a label file: a drawn 1920×1080 mask's 122 KB of coordinates deflate in 0.25
 * ms, against 0.40 at level 3 and 1.09 at the default level (6), to 14.1% of the text (12.4% and
 * 10.5%).
 */
const LABEL_LEVEL = 2;

/** The label file being written: one buffer a thread, reused from one mask to the next. */
const LINES = new AsciiBytes();

/**
 * A traced mask's lines, into {@linkcode LINES}: one per polygon, normalized by the mask's size;
 * and their classes.
 */
function linesOf(
  traced: { width: number; height: number; instances: readonly InstancePolygons[] },
  lookup: YoloClasses,
): { lines: Uint8Array; classes: number[] } {
  const { width, height } = traced;
  const [xs, ys] = [coordinateTexts(width), coordinateTexts(height)];
  const seen = new Set<number>();
  const out = LINES;
  out.clear();
  for (const instance of traced.instances) {
    const yoloClass = lookup.yoloClassOf[instance.classIndex] ?? -1;
    if (yoloClass < 0) {
      throw new MasksError(
        `its mask has instances of the label "${lookup.labelOf[instance.classIndex]}", which ` +
          "no main list of the configuration shows, so it has no class in data.yaml",
      );
    }
    seen.add(yoloClass);
    for (const polygon of instance.polygons) {
      out.text(String(yoloClass));
      for (let i = 0; i < polygon.length; i += 2) {
        coordinate(out, polygon[i], width, xs);
        coordinate(out, polygon[i + 1], height, ys);
      }
      out.byte(NEWLINE);
    }
  }
  return { lines: out.view(), classes: [...seen].sort((a, b) => a - b) };
}

const NEWLINE = 0x0a;

/** The coordinates' texts of the last image sizes, by size (a few: masks mostly share one). */
const COORDINATE_TEXTS = new Map<number, PackedTexts>();

function coordinateTexts(size: number): PackedTexts {
  let texts = COORDINATE_TEXTS.get(size);
  if (texts === undefined) {
    if (COORDINATE_TEXTS.size === 4) COORDINATE_TEXTS.clear();
    COORDINATE_TEXTS.set(size, texts = packedFractions(size, (value) => ` ${pythonFloat(value)}`));
  }
  return texts;
}

/** Writes ` <value / size>`, as Python prints the float; a pixel corner's text is made once. */
function coordinate(out: AsciiBytes, value: number, size: number, texts: PackedTexts): void {
  if (Number.isInteger(value) && value >= 0 && value <= size) {
    out.packed(texts, value);
  } else out.text(` ${pythonFloat(value / size)}`);
}
