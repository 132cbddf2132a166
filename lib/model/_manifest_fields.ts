/**
 * The types of a manifest entry's fields, checked field by field: a manifest is read back by
 * `--incremental`, `--resume`, `verify`, `diff` and the dataset's tools, and one edited or
 * damaged by hand must be refused with the field at fault, never half-read.
 *
 * @module
 */

/** What a field must be, said as the error says it. */
type Kind = "text" | "number" | "texts" | "files" | "instances" | "pixel counts" | "segments";

/**
 * Every field a manifest entry may have but `taskId`, checked before, and the task's `status`,
 * `batchId` and `updatedAt`, copied from the lab's task as they came and read back by nothing.
 */
const FIELDS: readonly (readonly [field: string, kind: Kind, required?: true])[] = [
  ["name", "text", true],
  ["outcome", "text", true],
  ["path", "text"],
  ["files", "files"],
  ["width", "number"],
  ["height", "number"],
  ["labels", "texts"],
  ["instanceCount", "number"],
  ["instances", "instances"],
  ["renamedFrom", "text"],
  ["warning", "text"],
  ["segments", "segments"],
  ["split", "text"],
  ["labelPixels", "pixel counts"],
];

const SAYS: Readonly<Record<Kind, string>> = {
  text: "is not a string",
  number: "is not a number",
  texts: "is not a list of strings",
  files: 'is not a list of files, each with a "path" and a "sha256" string',
  instances: "is not an object of label ids (or null) by instance id",
  "pixel counts": "is not an object of pixel counts by label id",
  segments: "is not a list of panoptic segments",
};

/**
 * What is wrong with a parsed manifest line's fields, if anything: the first field missing or of
 * the wrong type, as `"labels" is not a list of strings`. Fields no entry has are let through
 * (a later version may add some).
 *
 * @param entry The parsed line, an object.
 * @returns The fault, or `undefined` when every known field has its type.
 */
export function fieldFault(entry: Record<string, unknown>): string | undefined {
  for (const [field, kind, required] of FIELDS) {
    const value = entry[field];
    if (value === undefined) {
      if (required) return `it has no "${field}"`;
    } else if (!isKind(value, kind)) return `"${field}" ${SAYS[kind]}`;
  }
  return undefined;
}

function isKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "text":
      return typeof value === "string";
    case "number":
      return Number.isFinite(value);
    case "texts":
      return Array.isArray(value) && value.every(isText);
    case "files":
      return Array.isArray(value) && value.every(isFile);
    case "instances":
      return isRecord(value) && Object.values(value).every(isLabelId);
    case "pixel counts":
      return isRecord(value) && Object.values(value).every(Number.isFinite);
    case "segments":
      return Array.isArray(value) && value.every(isSegment);
  }
}

function isText(value: unknown): boolean {
  return typeof value === "string";
}

function isLabelId(value: unknown): boolean {
  return value === null || typeof value === "string";
}

function isFile(value: unknown): boolean {
  return isRecord(value) && typeof value.path === "string" && typeof value.sha256 === "string" &&
    (value.pixelSha256 === undefined || typeof value.pixelSha256 === "string");
}

function isSegment(value: unknown): boolean {
  return isRecord(value) && Number.isFinite(value.id) && Number.isFinite(value.category_id) &&
    Number.isFinite(value.area) && Array.isArray(value.bbox) && value.bbox.length === 4 &&
    value.bbox.every(Number.isFinite);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
