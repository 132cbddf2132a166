/**
 * `panoptic.json`, the COCO panoptic file of a `panoptic` export, written from the finished
 * manifest, whose entries carry each task's segments: two passes over its lines (images, then
 * annotations), each line read and written in turn, so nothing grows with the project, and a
 * resumed or updated export lists the tasks it kept as well as those it wrote. With a split,
 * the same passes also write one file per split (`panoptic_train.json`, …), as `--format coco`
 * writes one per split; `panoptic.json` still lists every image, with its `split`.
 *
 * @module
 */

import type { ClassTable } from "../detect/class_table.ts";
import type { ExportFolderFs } from "../model/export_folder_fs.ts";
import { fileLines } from "./_file_lines.ts";
import { MANIFEST_NAME, type ManifestEntry, parseManifestLine } from "../model/manifest.ts";
import { PANOPTIC_JSON, panopticJsonName } from "../model/panoptic_json_name.ts";

export { PANOPTIC_JSON };

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
  /** The split names, when the export splits its tasks: one more file each. */
  splits?: readonly string[];
}

/** One panoptic file being written: its temporary file and the images it has listed. */
class PanopticFile {
  readonly name: string;
  readonly temporary: string;
  readonly out: Deno.FsFile;
  /** The image ids given so far. */
  id = 0;

  constructor(name: string, temporary: string, out: Deno.FsFile) {
    this.name = name;
    this.temporary = temporary;
    this.out = out;
  }

  static async create(files: ExportFolderFs, name: string): Promise<PanopticFile> {
    const suffix = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
    const temporary = `.${name}.${suffix}.tmp`;
    return new PanopticFile(name, temporary, await files.createFile(temporary));
  }

  async write(text: string): Promise<void> {
    const bytes = TEXT.encode(text);
    for (let at = 0; at < bytes.length;) at += await this.out.write(bytes.subarray(at));
  }

  /** Writes the next item of the current array, numbering it. */
  async item(make: (id: number) => unknown): Promise<void> {
    const id = ++this.id;
    await this.write(`${id === 1 ? "\n" : ",\n"}${JSON.stringify(make(id))}`);
  }
}

/**
 * Writes `panoptic.json` (and, with splits, each split's file) from the export folder's
 * `manifest.jsonl`, each under a temporary name renamed into place when all are complete.
 */
export async function writePanopticJson(
  files: ExportFolderFs,
  options: PanopticJsonOptions,
): Promise<void> {
  const all = await PanopticFile.create(files, PANOPTIC_JSON);
  const bySplit = new Map<string, PanopticFile>();
  try {
    for (const split of options.splits ?? []) {
      bySplit.set(split, await PanopticFile.create(files, panopticJsonName(split)));
    }
    const every = [all, ...bySplit.values()];
    const targets = (entry: ManifestEntry) => {
      const own = entry.split === undefined ? undefined : bySplit.get(entry.split);
      return own ? [all, own] : [all];
    };
    for (const file of every) await file.write(header(options));
    for await (const entry of exportedEntries(files)) {
      for (const file of targets(entry)) await file.item((id) => image(entry, id, file === all));
    }
    for (const file of every) {
      await file.write('\n],\n"annotations": [');
      file.id = 0;
    }
    for await (const entry of exportedEntries(files)) {
      for (const file of targets(entry)) {
        await file.item((id) => ({
          image_id: id,
          file_name: entry.path,
          segments_info: entry.segments,
        }));
      }
    }
    for (const file of every) await file.write("\n]\n}\n");
  } catch (error) {
    for (const file of [all, ...bySplit.values()]) {
      file.out.close();
      await files.remove(file.temporary).catch(() => {});
    }
    throw error;
  }
  for (const file of [all, ...bySplit.values()]) {
    file.out.close();
    await files.rename(file.temporary, file.name);
  }
}

/** An image of the file: `split` in the file of every task, when the export splits them. */
function image(entry: ManifestEntry, id: number, withSplit: boolean) {
  return {
    id,
    file_name: imageName(entry),
    width: entry.width,
    height: entry.height,
    lab_task_id: entry.taskId,
    ...(!withSplit || entry.split === undefined ? {} : { split: entry.split }),
  };
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
