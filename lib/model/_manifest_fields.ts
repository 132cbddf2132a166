/**
 * The types of a manifest entry's fields, checked field by field: a manifest is read back by
 * `--incremental`, `--resume`, `verify`, `diff` and the dataset's tools, and one edited or
 * damaged by hand must be refused with the field at fault, never half-read.
 *
 * @module
 */

import type { ManifestEntry } from "./manifest.ts";

/** A value's test, and what the error says of a value that fails it. */
type Test = (value: unknown) => boolean;

const isText: Test = (value) => typeof value === "string";
const isNumber: Test = Number.isFinite;
const isTexts: Test = (value) => Array.isArray(value) && value.every(isText);
const isFiles: Test = (value) => Array.isArray(value) && value.every(isFile);
const isInstances: Test = (value) => isRecord(value) && Object.values(value).every(isLabelId);
const isPixelCounts: Test = (value) => isRecord(value) && Object.values(value).every(isNumber);
const isSegments: Test = (value) => Array.isArray(value) && value.every(isSegment);

const SAYS = new Map<Test, string>([
  [isText, "is not a string"],
  [isNumber, "is not a number"],
  [isTexts, "is not a list of strings"],
  [isFiles, 'is not a list of files, each with a "path" and a "sha256" string'],
  [isInstances, "is not an object of label ids (or null) by instance id"],
  [isPixelCounts, "is not an object of pixel counts by label id"],
  [isSegments, "is not a list of panoptic segments"],
]);

/**
 * What is wrong with a parsed manifest line's fields, if anything: the first field missing or of
 * the wrong type, as `"labels" is not a list of strings`. `taskId` is checked before; the task's
 * `status`, `batchId` and `updatedAt`, copied from the lab's task as they came and read back by
 * nothing, are not checked; fields no entry has are let through (a later version may add some).
 *
 * @param entry The parsed line, an object.
 * @returns The fault, or `undefined` when every known field has its type.
 */
export function fieldFault(entry: object): string | undefined {
  // Each field read by its name, not in a loop over names: an update reads every line of its
  // earlier manifest, and a named read of objects of one shape is several times faster.
  const e = entry as { readonly [field in keyof ManifestEntry]?: unknown };
  if (e.name === undefined) return 'it has no "name"';
  if (e.outcome === undefined) return 'it has no "outcome"';
  return fault("name", e.name, isText) ?? fault("outcome", e.outcome, isText) ??
    fault("path", e.path, isText) ?? fault("files", e.files, isFiles) ??
    fault("width", e.width, isNumber) ?? fault("height", e.height, isNumber) ??
    fault("labels", e.labels, isTexts) ?? fault("instanceCount", e.instanceCount, isNumber) ??
    fault("instances", e.instances, isInstances) ??
    fault("renamedFrom", e.renamedFrom, isText) ?? fault("warning", e.warning, isText) ??
    fault("segments", e.segments, isSegments) ?? fault("split", e.split, isText) ??
    fault("labelPixels", e.labelPixels, isPixelCounts);
}

/**
 * What is wrong with a list of files as a manifest line or `export.json` holds it, if anything.
 *
 * @param value The `files` field, as parsed (`undefined` when there is none).
 * @returns The fault, as {@linkcode fieldFault} says it, or `undefined`.
 *
 * @example
 * ```ts
 * import { filesFault } from "./_manifest_fields.ts";
 *
 * console.log(filesFault([{ path: "a.png", sha256: "ab" }]), filesFault([{}]) !== undefined); // undefined true
 * ```
 */
export function filesFault(value: unknown): string | undefined {
  return fault("files", value, isFiles);
}

/** The fault of a field that is there and fails its test. */
function fault(field: string, value: unknown, test: Test): string | undefined {
  return value === undefined || test(value) ? undefined : `"${field}" ${SAYS.get(test)}`;
}

function isFile(value: unknown): boolean {
  return isRecord(value) && typeof value.path === "string" && typeof value.sha256 === "string" &&
    (value.pixelSha256 === undefined || typeof value.pixelSha256 === "string");
}

function isLabelId(value: unknown): boolean {
  return value === null || typeof value === "string";
}

function isSegment(value: unknown): boolean {
  return isRecord(value) && Number.isFinite(value.id) && Number.isFinite(value.category_id) &&
    Number.isFinite(value.area) && Array.isArray(value.bbox) && value.bbox.length === 4 &&
    value.bbox.every(Number.isFinite);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
