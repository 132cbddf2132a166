/**
 * `panoptic.json`, the COCO panoptic file of a `panoptic` export, written from the finished
 * manifest, whose entries carry each task's segments: two passes over its lines (images, then
 * annotations), each line read and written in turn, so nothing grows with the project, and a
 * resumed or updated export lists the tasks it kept as well as those it wrote.
 *
 * @module
 */

import type { ClassTable } from "../detect/class_table.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import { fileLines } from "./_file_lines.ts";
import { MANIFEST_NAME, type ManifestEntry, parseManifestLine } from "../model/manifest.ts";

/** The panoptic file's name in the export folder. */
export const PANOPTIC_JSON = "panoptic.json";

const TEXT = new TextEncoder();
const LINE = new TextDecoder();

/** What `panoptic.json` says besides the tasks. */
export interface PanopticJsonOptions {
  /** The project's classes: the categories. */
  table: ClassTable;
  /** The class indices that are stuff (`isthing: 0`). */
  stuffClasses: readonly number[];
  /** The project, for `info`. */
  projectId: string;
  /** The export's start, for `info.date_created`. */
  startedAt: Date;
}

/**
 * Writes `panoptic.json` from the export folder's `manifest.jsonl`, under a temporary name renamed
 * into place when complete.
 */
export async function writePanopticJson(
  files: ExportFolderFs,
  options: PanopticJsonOptions,
): Promise<void> {
  const suffix = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  const temporary = `.${PANOPTIC_JSON}.${suffix}.tmp`;
  const out = await files.createFile(temporary);
  try {
    const write = async (text: string) => {
      const bytes = TEXT.encode(text);
      for (let at = 0; at < bytes.length;) at += await out.write(bytes.subarray(at));
    };
    await write(header(options));
    let id = 0;
    for await (const entry of exportedEntries(files)) {
      const image = {
        id: ++id,
        file_name: imageName(entry),
        width: entry.width,
        height: entry.height,
        lab_task_id: entry.taskId,
        ...(entry.split === undefined ? {} : { split: entry.split }),
      };
      await write(`${id === 1 ? "\n" : ",\n"}${JSON.stringify(image)}`);
    }
    await write('\n],\n"annotations": [');
    id = 0;
    for await (const entry of exportedEntries(files)) {
      const annotation = { image_id: ++id, file_name: entry.path, segments_info: entry.segments };
      await write(`${id === 1 ? "\n" : ",\n"}${JSON.stringify(annotation)}`);
    }
    await write("\n]\n}\n");
    out.close();
  } catch (error) {
    out.close();
    await files.remove(temporary).catch(() => {});
    throw error;
  }
  await files.rename(temporary, PANOPTIC_JSON);
}

/** The file's start: info, licenses, categories, and the opening of images. */
function header(options: PanopticJsonOptions): string {
  const info = {
    description: `lab project ${options.projectId}`,
    date_created: options.startedAt.toISOString(),
  };
  const categories = options.table.classes.map((entry) => ({
    id: entry.index,
    name: entry.id,
    isthing: options.stuffClasses.includes(entry.index) ? 0 : 1,
    color: entry.colour,
  }));
  return `{\n"info": ${JSON.stringify(info)},\n"licenses": [],\n"categories": ` +
    `${JSON.stringify(categories)},\n"images": [`;
}

/**
 * The image's name: the task's, or, when its mask was renamed (another task had its name), its
 * mask's name less `.png`, as `--format coco` names it.
 */
function imageName(entry: ManifestEntry): string {
  return entry.renamedFrom === undefined ? entry.name : entry.path!.slice(0, -".png".length);
}

/** The manifest's entries of exported tasks with segments, one line at a time. */
async function* exportedEntries(files: ExportFolderFs): AsyncGenerator<ManifestEntry> {
  using file = await files.openFile(MANIFEST_NAME);
  const lines = fileLines(async (position, chunk) => {
    await file.seek(position, Deno.SeekMode.Start);
    return await file.read(chunk);
  });
  const source = { path: files.pathOf(MANIFEST_NAME), setting: "maskFormat" };
  for await (const line of lines) {
    const entry = parseManifestLine(LINE.decode(line.bytes), line, source);
    if (entry && entry.outcome === "exported" && entry.path && entry.segments) yield entry;
  }
}
