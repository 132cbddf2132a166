/**
 * `verify`: whether an export folder still holds what its manifest says, byte for byte and
 * pixel for pixel.
 *
 * @module
 */

import { FOLDER_LOCK_NAME } from "../model/folder_lock.ts";
import { checkArgumentType, checkOptionTypes, PIXEL_LIMIT, TEXT } from "../option_types.ts";
import { createHash } from "node:crypto";
import { MANIFEST_NAME } from "../model/manifest.ts";
import { METADATA_NAME } from "../model/export_metadata.ts";
import { PANOPTIC_JSON, panopticJsonName } from "../model/panoptic_json_name.ts";
import { REPORT_NAME } from "../report/export_report.ts";
import { MasksError } from "../errors.ts";
import { type EntryKind, notAFileDetail, WalkedFolder } from "./_folder_walk.ts";

export type { EntryKind };
import { datasetIdOf, sha256OfText } from "./dataset_id.ts";
import { pngPixelSha256 } from "../png/png_pixel_sha256.ts";
import { type ExportRecords, readExport } from "./read_export.ts";

/** A file that is not as the manifest says. */
export interface ChangedFile {
  /** The path relative to the export folder. */
  path: string;
  /** Why: `sha256` (its bytes), `pixelSha256` (its pixels), `not a file` (a link or other). */
  reason: "sha256" | "pixelSha256" | "not a file" | "unreadable";
  /** What was found, in words. */
  detail: string;
}

/** What {@linkcode verifyExport} found. */
export interface VerifyReport {
  /** The export folder. */
  folder: string;
  /** Whether every listed file is there and intact, and nothing else is. */
  intact: boolean;
  /** How many listed files were checked. */
  checked: number;
  /** Listed files that are not there. */
  missing: string[];
  /** Listed files whose bytes or pixels differ, or that are links. */
  changed: ChangedFile[];
  /** Entries the manifest does not list (links and other non-regular files included, never followed). */
  unlisted: { path: string; kind: EntryKind }[];
  /** The dataset id `export.json` records, if any. */
  datasetId?: string;
  /** Whether the manifest's pixel digests give the recorded dataset id (absent when none is). */
  datasetIdMatches?: boolean;
}

/** Options of {@linkcode verifyExport}. */
export interface VerifyExportOptions {
  /** Refuse masks with more pixels than this. @default {100_000_000} */
  maxPixels?: number;
}

/**
 * Re-reads every file an export's manifest lists (and its own files: `export.json`'s dataset
 * card files, `labelmap.json`): bytes against `sha256`, decoded pixels against `pixelSha256`;
 * lists what is missing, changed, or there unlisted. Links and other non-regular files are
 * reported, never followed.
 *
 * @param folder The export folder.
 * @param options The pixel limit.
 * @returns What was found; `intact` when nothing differs.
 * @throws {ConfigError} when the folder is not an export (no manifest or `export.json`).
 * @throws {TypeError} when `folder` is not a string, or `maxPixels` not a number; {@linkcode RangeError} when it is not a
 * whole number from 1 to 2^31.
 *
 * @example
 * ```ts ignore
 * import { verifyExport } from "@lab/masks/dataset";
 *
 * const report = await verifyExport("./lab_mask_export");
 * console.log(report.intact, report.changed.map((file) => file.path));
 * ```
 */
export async function verifyExport(
  folder: string,
  options: VerifyExportOptions = {},
): Promise<VerifyReport> {
  checkArgumentType(folder, "folder", TEXT);
  checkOptionTypes(options, { maxPixels: PIXEL_LIMIT });
  const records = await readExport(folder, "folder");
  const walked = await WalkedFolder.open(folder);
  const found = walked.found;
  const listed = listedFiles(records);
  const report: VerifyReport = {
    folder,
    intact: true,
    checked: 0,
    missing: [],
    changed: [],
    unlisted: [],
  };
  for (const file of listed.values()) {
    const kind = found.get(file.path);
    if (kind === undefined) report.missing.push(file.path);
    else if (kind !== "file") {
      report.changed.push(notAFile(file.path, kind));
    } else {
      report.checked++;
      const change = await checkFile(walked, file, options.maxPixels);
      if (change) report.changed.push(change);
    }
  }
  const own = ownFiles(records);
  for (const [path, kind] of found) {
    // The lock of an export writing the folder now (or of one killed): no file of the dataset.
    if (kind === "folder" || listed.has(path) || (path === FOLDER_LOCK_NAME && kind === "file")) {
      continue;
    }
    if (!own.has(path)) report.unlisted.push({ path, kind });
    else if (kind !== "file") report.changed.push(notAFile(path, kind));
  }
  if (found.get(LABELMAP_JSON) === "file") {
    const change = await labelmapChange(walked, records.metadata.labelmapSha256);
    if (change) report.changed.push(change);
  }
  checkIdentity(records, report);
  report.intact = report.missing.length === 0 && report.changed.length === 0 &&
    report.unlisted.length === 0 && report.datasetIdMatches !== false;
  return report;
}

const LABELMAP_JSON = "labelmap.json";

/** The export's own files, which the manifest does not list. */
const OWN_FILES = [
  MANIFEST_NAME,
  METADATA_NAME,
  LABELMAP_JSON,
  PANOPTIC_JSON,
  "labelmap.txt",
  REPORT_NAME,
];

/** The export's own files, with a split panoptic export's file of each split. */
function ownFiles(records: ExportRecords): Set<string> {
  const own = new Set(OWN_FILES);
  const split = records.metadata.settings?.split as { parts?: { name?: unknown }[] } | undefined;
  if (records.metadata.maskFormat === "panoptic" && Array.isArray(split?.parts)) {
    for (const part of split.parts) {
      if (typeof part?.name === "string") own.add(panopticJsonName(part.name));
    }
  }
  return own;
}

/** A file to check: its digests. */
interface ListedFile {
  path: string;
  sha256?: string;
  pixelSha256?: string;
}

function listedFiles(records: ExportRecords): Map<string, ListedFile> {
  const listed = new Map<string, ListedFile>();
  for (const entry of records.entries) for (const file of entry.files) listed.set(file.path, file);
  for (const file of records.metadata.files ?? []) listed.set(file.path, file);
  return listed;
}

async function checkFile(
  walked: WalkedFolder,
  file: ListedFile,
  maxPixels: number | undefined,
): Promise<ChangedFile | undefined> {
  const read = await walked.read(file.path);
  if ("refused" in read) return { path: file.path, reason: "unreadable", detail: read.refused };
  const { bytes } = read;
  if (file.sha256 !== undefined) {
    const digest = createHash("sha256").update(bytes).digest("hex");
    if (digest !== file.sha256) {
      return { path: file.path, reason: "sha256", detail: `its bytes' SHA-256 is ${digest}` };
    }
  }
  if (file.pixelSha256 === undefined) return undefined;
  let pixels: string;
  try {
    pixels = pngPixelSha256(bytes, maxPixels);
  } catch (error) {
    if (!(error instanceof MasksError)) throw error;
    return {
      path: file.path,
      reason: "pixelSha256",
      detail: `its pixels cannot be read: ${error.message}`,
    };
  }
  if (pixels === file.pixelSha256) return undefined;
  return { path: file.path, reason: "pixelSha256", detail: `its pixels' SHA-256 is ${pixels}` };
}

/** Checks `labelmap.json` against the recorded class map, and the manifest against the dataset id. */
function checkIdentity(records: ExportRecords, report: VerifyReport): void {
  const { metadata } = records;
  if (metadata.datasetId === undefined || metadata.labelmapSha256 === undefined) return;
  report.datasetId = metadata.datasetId;
  const { datasetId } = datasetIdOf(records.entries, metadata.labelmapSha256);
  report.datasetIdMatches = datasetId === metadata.datasetId;
}

/** Checks `labelmap.json` against `export.json`'s `labelmapSha256`. */
async function labelmapChange(
  walked: WalkedFolder,
  labelmapSha256: string | undefined,
): Promise<ChangedFile | undefined> {
  if (labelmapSha256 === undefined) return undefined;
  const read = await walked.read(LABELMAP_JSON);
  if ("refused" in read) return undefined;
  if (sha256OfText(new TextDecoder().decode(read.bytes)) === labelmapSha256) return undefined;
  return {
    path: LABELMAP_JSON,
    reason: "sha256",
    detail: "it is not the class map export.json records",
  };
}

function notAFile(path: string, kind: EntryKind): ChangedFile {
  return { path, reason: "not a file", detail: notAFileDetail(kind) };
}
