/**
 * The formats that write one file (`lab`, `yolo`, `yolo-seg`, `coco`): what each writes, which projects it
 * fits, its file's extension and default name, and its writer. The export's registry of every
 * format (`lib/export/export_formats.ts`) lists them after the masks.
 *
 * @module
 */

import type { ClassTableOptions } from "../detect/class_table.ts";
import type { FileSystem } from "../model/file_system.ts";
import type { SplitPlan } from "../model/split_plan.ts";
import { CocoWriter } from "./_coco_writer.ts";
import type { CocoInstancesReader } from "./coco_mask_instances.ts";
import type { CocoPolygonsReader } from "./mask_instance_polygons.ts";
import type { YoloSegmentReader } from "./yolo_segment_lines.ts";
import { LabWriter } from "./_lab_writer.ts";
import { YoloWriter } from "./_yolo_writer.ts";
import type { FormatSource } from "./format_source.ts";
import type { FormatWriter } from "./format_writer.ts";
import type { OutputFile } from "./output_file.ts";

/** The name of a format that writes one file. */
export type OneFileFormatName = "lab" | "yolo" | "yolo-seg" | "coco";

/** What a one-file format's writer is told besides its file and source. */
export interface OneFileWriterSettings {
  /** List, write nothing. */
  dryRun: boolean;
  /** `yolo`: name label files `a.txt` rather than `a.jpg.txt`. */
  replaceExtension: boolean;
  /** `coco`, `yolo-seg`: refuse masks with more pixels than this. */
  maxPixels?: number;
  /** `coco` from masks: each instance as compressed RLE or as traced polygons. */
  cocoSegmentation: "rle" | "polygon";
  /** Polygons traced from masks: the Douglas–Peucker tolerance in pixels (0: exact). */
  polygonTolerance: number;
  /** The export's start time (the zip's dates, COCO's `date_created`). */
  now: Date;
  /** The low-level file calls (COCO's spill file of annotations). */
  fileSystem?: FileSystem;
  /** `coco`, `yolo-seg`: where masks are read ahead of their turn (the export's workers). */
  reader?: CocoInstancesReader & CocoPolygonsReader & YoloSegmentReader;
  /** `yolo`, `coco`: the class map to keep, if any. */
  pinning?: Pick<ClassTableOptions, "pinned" | "allowRemovedLabels">;
  /** `yolo`: the splits, whose names prefix the label files. */
  split?: SplitPlan;
}

/** One format that writes one file. */
export interface OneFileFormat {
  /** Its name, as `--format` takes it. */
  name: OneFileFormatName;
  /** What it writes, in a word or two, for `--help`. */
  brief: string;
  /** What it writes, for the docs' table. */
  file: string;
  /** Which projects it fits, for the docs' table. */
  projects: string;
  /** Whether the SDK writes it too, for the docs' table. */
  fromSdk: string;
  /** The file's extension, compared exactly as the SDK does. */
  extension: ".json" | ".zip";
  /** The default file name's start, before the project id. */
  prefix: string;
  /**
   * Makes the writer of an export's file.
   *
   * @param file The output file.
   * @param source Where the project's annotations and labels are.
   * @param settings The run's settings.
   * @returns The writer.
   */
  writer(file: OutputFile, source: FormatSource, settings: OneFileWriterSettings): FormatWriter;
}

/**
 * Every format that writes one file, in `--help` order.
 *
 * @example
 * ```ts
 * import { ONE_FILE_FORMATS } from "./one_file_formats.ts";
 *
 * console.log(ONE_FILE_FORMATS.map((format) => format.name + format.extension)); // [ "lab.json", "yolo.zip", "yolo-seg.zip", "coco.json" ]
 * ```
 */
// deno-fmt-ignore: one format a block reads as a table.
export const ONE_FILE_FORMATS: readonly OneFileFormat[] = [
  {
    name: "lab", brief: "JSON", extension: ".json", prefix: "lab_",
    file: "a JSON array of tasks (`.json`)",
    projects: "every type, sequences and forms included",
    fromSdk: 'yes: `export_tasks(format="lab")`',
    writer: (file, _source, { dryRun }) => new LabWriter(file, { dryRun }),
  },
  {
    name: "yolo", brief: "zip", extension: ".zip", prefix: "lab_yolo_",
    file: "a zip of YOLOv8 label files (`.zip`)",
    projects: "`iat-rectangle`, `iat-polygon`, `iat-polyline`, `iat-graph`, `iat-segmentation`, and `form` with one such input; no sequences",
    fromSdk: 'yes: `export_tasks(format="yolo")`, byte for byte',
    writer: (file, source, { dryRun, replaceExtension, now, pinning = {}, split }) =>
      new YoloWriter(file, source, { dryRun, replaceExtension, modified: now, pinning, split }),
  },
  {
    name: "yolo-seg", brief: "zip of polygons from masks", extension: ".zip", prefix: "lab_yolo_seg_",
    file: "a zip of Ultralytics segmentation labels (`.zip`)",
    projects: "`iat-segmentation`, and `form` with one such input; no sequences",
    fromSdk: "no: ours, polygons traced from the masks",
    writer: (file, source, { dryRun, replaceExtension, now, pinning = {}, split, ...masks }) =>
      new YoloWriter(file, source, {
        dryRun, replaceExtension, modified: now, pinning, split,
        fromMasks: { tolerance: masks.polygonTolerance, maxPixels: masks.maxPixels, reader: masks.reader },
      }),
  },
  {
    name: "coco", brief: "JSON", extension: ".json", prefix: "lab_coco_",
    file: "one COCO instances file (`.json`)",
    projects: "`iat-segmentation`, `iat-polygon`, `iat-rectangle`, and `form` with one such input; no sequences",
    fromSdk: "no: ours",
    writer: (file, source, settings) => {
      const { cocoSegmentation, polygonTolerance, pinning = {}, ...rest } = settings;
      const polygons = cocoSegmentation === "polygon" ? { tolerance: polygonTolerance } : undefined;
      return new CocoWriter(file, source, { ...rest, pinning, polygons });
    },
  },
];

/**
 * The one-file format of this name.
 *
 * @param name `lab`, `yolo`, `yolo-seg` or `coco`.
 * @returns Its entry.
 *
 * @example
 * ```ts
 * import { oneFileFormat } from "./one_file_formats.ts";
 *
 * console.log(oneFileFormat("yolo").prefix); // "lab_yolo_"
 * ```
 */
export function oneFileFormat(name: OneFileFormatName): OneFileFormat {
  return ONE_FILE_FORMATS.find((format) => format.name === name)!;
}
