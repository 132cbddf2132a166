/**
 * `diff`: what changed between two exports of a project, task by task and label by label.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";
import { checkArgumentType, TEXT } from "../option_types.ts";
import type { ManifestEntry, ManifestFile } from "../model/manifest.ts";
import { changedPixels } from "./_changed_pixels.ts";
import { addLabelPixels, type LabelPixels } from "./_label_pixels.ts";
import { type ExportRecords, readExport } from "./read_export.ts";
import { WalkedFolder } from "./_folder_walk.ts";

/** A task one export has and the other has not. */
export interface DiffTask {
  /** The task id. */
  taskId: string;
  /** The task name. */
  name: string;
  /** Its mask path. */
  path?: string;
}

/** A task both exports have, whose masks differ. */
export interface ChangedTask extends DiffTask {
  /** How many pixels differ. */
  changedPixels: number;
  /** The labels the new mask has and the old had not. */
  labelsGained: string[];
  /** The labels the old mask had and the new has not. */
  labelsLost: string[];
}

/** One label's counts in both exports. */
export interface LabelDiff {
  /** The label id. */
  id: string;
  /** Tasks whose mask holds it: old, new. */
  tasks: [number, number];
  /** Its instances: old, new. */
  instances: [number, number];
  /**
   * Its share of the labelled pixels, from 0 to 1: old, new (absent when the masks were
   * recoloured by a semantic mapping, whose colours no longer name instances).
   */
  pixelShare?: [number, number];
}

/** What {@linkcode diffExports} found. */
export interface ExportDiff {
  /** The old export folder. */
  old: string;
  /** The new export folder. */
  new: string;
  /** The mask format both have. */
  maskFormat: string;
  /** The dataset ids, when recorded: old, new. */
  datasetIds: [string | undefined, string | undefined];
  /** Tasks with a mask in the new export only. */
  added: DiffTask[];
  /** Tasks with a mask in the old export only. */
  removed: DiffTask[];
  /** Tasks whose masks differ, with the pixels and labels that changed. */
  changed: ChangedTask[];
  /** How many tasks have the same masks in both. */
  unchanged: number;
  /** Per label seen in either, its tasks and instances in each; sorted by id. */
  labels: LabelDiff[];
  /**
   * Files a manifest lists that were not read: links, FIFOs and other non-regular files (never
   * followed), or files not there. Their pixels count neither in changed pixels nor in pixel
   * shares. Absent when every file was read.
   */
  refused?: RefusedFile[];
}

/** A file a manifest lists that `diff` did not read. */
export interface RefusedFile {
  /** The export folder, as given. */
  folder: string;
  /** The path relative to it. */
  path: string;
  /** Why, e.g. `a symbolic link, not followed`. */
  detail: string;
}

/** One export's records, its walked folder and the files refused so far. */
interface Side {
  records: ExportRecords;
  walked: WalkedFolder;
  refused: Map<string, RefusedFile>;
}

/**
 * Compares two exports of the same mask format: tasks (by id) added, removed, changed (the
 * number of pixels that differ, the labels gained and lost) and unchanged, and per label its
 * tasks and instances in each. Masks are compared by `pixelSha256` (by `sha256` where an older
 * export has none); only changed masks are decoded.
 *
 * @param oldFolder The earlier export folder.
 * @param newFolder The later export folder.
 * @returns The differences.
 * @throws {ConfigError} when a folder is not an export, or their mask formats differ.
 * @throws {TypeError} when a folder is not given as a string.
 *
 * @example
 * ```ts ignore
 * import { diffExports } from "@lab/masks/dataset";
 *
 * const diff = await diffExports("./nightly-1", "./nightly-2");
 * for (const task of diff.changed) console.log(task.name, task.changedPixels);
 * ```
 */
export async function diffExports(oldFolder: string, newFolder: string): Promise<ExportDiff> {
  checkArgumentType(oldFolder, "oldFolder", TEXT);
  checkArgumentType(newFolder, "newFolder", TEXT);
  const old = await readExport(oldFolder, "old");
  const now = await readExport(newFolder, "new");
  if (old.metadata.maskFormat !== now.metadata.maskFormat) {
    throw new ConfigError(
      `The two exports cannot be compared: "${oldFolder}" has ${old.metadata.maskFormat} masks ` +
        `and "${newFolder}" has ${now.metadata.maskFormat} masks`,
    );
  }
  const refused = new Map<string, RefusedFile>();
  const sides: Side[] = [
    { records: old, walked: await WalkedFolder.open(oldFolder), refused },
    { records: now, walked: await WalkedFolder.open(newFolder), refused },
  ];
  const before = exported(old);
  const after = exported(now);
  const diff: ExportDiff = {
    old: oldFolder,
    new: newFolder,
    maskFormat: now.metadata.maskFormat,
    datasetIds: [old.metadata.datasetId, now.metadata.datasetId],
    added: [],
    removed: [],
    changed: [],
    unchanged: 0,
    labels: labelDiffs(before, after),
  };
  await addPixelShares(diff.labels, [sides[0], before], [sides[1], after]);
  for (const [taskId, entry] of after) {
    const earlier = before.get(taskId);
    if (earlier === undefined) diff.added.push(taskOf(entry));
    else if (sameMasks(earlier, entry)) diff.unchanged++;
    else diff.changed.push(await changedTask(sides, earlier, entry));
  }
  for (const [taskId, entry] of before) if (!after.has(taskId)) diff.removed.push(taskOf(entry));
  if (refused.size > 0) diff.refused = [...refused.values()];
  return diff;
}

/** The entries with masks, by task id. */
function exported(records: ExportRecords): Map<string, ManifestEntry> {
  const byId = new Map<string, ManifestEntry>();
  for (const entry of records.entries) {
    if (entry.outcome === "exported" && entry.files.length > 0) byId.set(entry.taskId, entry);
  }
  return byId;
}

function taskOf(entry: ManifestEntry): DiffTask {
  const task: DiffTask = { taskId: entry.taskId, name: entry.name };
  if (entry.path !== undefined) task.path = entry.path;
  return task;
}

function sameMasks(a: ManifestEntry, b: ManifestEntry): boolean {
  const key = (file: ManifestFile) => `${file.path} ${file.pixelSha256 ?? file.sha256}`;
  const left = a.files.map(key).sort();
  const right = b.files.map(key).sort();
  return left.length === right.length && left.every((line, i) => line === right[i]);
}

async function changedTask(
  sides: Side[],
  before: ManifestEntry,
  after: ManifestEntry,
): Promise<ChangedTask> {
  const paths = [...new Set([...before.files, ...after.files].map((file) => file.path))].sort();
  const listed = (entry: ManifestEntry, path: string) =>
    entry.files.some((file) => file.path === path);
  const pairs: [Uint8Array | undefined, Uint8Array | undefined][] = [];
  for (const path of paths) {
    const old = listed(before, path) ? await readListed(sides[0], path) : undefined;
    const now = listed(after, path) ? await readListed(sides[1], path) : undefined;
    // A file refused on either side is left out of the count, not counted as emptied.
    if (old !== null && now !== null) pairs.push([old, now]);
  }
  const oldLabels = before.labels ?? [];
  const newLabels = after.labels ?? [];
  return {
    ...taskOf(after),
    changedPixels: changedPixels(pairs),
    labelsGained: newLabels.filter((id) => !oldLabels.includes(id)),
    labelsLost: oldLabels.filter((id) => !newLabels.includes(id)),
  };
}

function labelDiffs(
  before: Map<string, ManifestEntry>,
  after: Map<string, ManifestEntry>,
): LabelDiff[] {
  const labels = new Map<string, LabelDiff>();
  const count = (entries: Map<string, ManifestEntry>, side: 0 | 1) => {
    for (const entry of entries.values()) {
      for (const id of entry.labels ?? []) label(id).tasks[side]++;
      for (const id of Object.values(entry.instances ?? {})) {
        if (id !== null) label(id).instances[side]++;
      }
    }
  };
  const label = (id: string) => {
    let found = labels.get(id);
    if (!found) labels.set(id, found = { id, tasks: [0, 0], instances: [0, 0] });
    return found;
  };
  count(before, 0);
  count(after, 1);
  return [...labels.values()].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A listed file of one side, read through its walked folder; `null` (and the file noted as
 * refused) when it is a link or another non-regular file, or not there.
 */
async function readListed(side: Side, path: string): Promise<Uint8Array | null> {
  const read = await side.walked.read(path);
  if ("bytes" in read) return read.bytes;
  const folder = side.walked.folder;
  side.refused.set(`${folder}\n${path}`, { folder, path, detail: read.refused });
  return null;
}

/** Adds each label's pixel share in both exports, read back from their masks. */
async function addPixelShares(
  labels: LabelDiff[],
  ...sides: [Side, Map<string, ManifestEntry>][]
): Promise<void> {
  if (sides.some(([side]) => side.records.metadata.settings?.semanticMapping !== undefined)) {
    return;
  }
  const counts: LabelPixels[] = [];
  for (const [side, entries] of sides) {
    const meaning = {
      maskFormat: side.records.metadata.maskFormat,
      labelByIndex: await classMap(side.walked),
    };
    const pixels: LabelPixels = { byLabel: new Map(), total: 0 };
    const read = async (path: string) => (await readListed(side, path)) ?? undefined;
    for (const entry of entries.values()) await addLabelPixels(pixels, read, entry, meaning);
    counts.push(pixels);
  }
  const share = (side: LabelPixels, id: string) =>
    side.total === 0 ? 0 : (side.byLabel.get(id) ?? 0) / side.total;
  for (const label of labels) {
    label.pixelShare = [share(counts[0], label.id), share(counts[1], label.id)];
  }
}

/** The class map of an export's `labelmap.json` (index → label id); empty without one. */
async function classMap(walked: WalkedFolder): Promise<Map<number, string>> {
  const map = new Map<number, string>();
  const read = await walked.read("labelmap.json");
  if ("refused" in read) return map;
  try {
    const labelmap = JSON.parse(new TextDecoder().decode(read.bytes));
    for (const entry of labelmap.classes ?? []) map.set(entry.index, entry.id);
  } catch {
    // No labelmap (rgb, instance and binary masks name their labels otherwise).
  }
  return map;
}
