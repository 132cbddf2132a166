/**
 * The value types of an export's options, checked when `exportMasks`, `exportFormat` or
 * `maskFiles` is called, before anything else reads them (see `lib/option_types.ts`).
 *
 * @module
 */

import {
  CALLBACK,
  checkOptionTypes,
  DATE,
  either,
  numberFrom,
  OBJECT,
  oneOf,
  type OptionType,
  type OptionTypes,
  PIXEL_LIMIT,
  SIGNAL,
  SWITCH,
  TEXT,
  TEXTS,
  URL_OBJECT,
  wholeNumber,
  withMethods,
} from "../option_types.ts";
import type { ExportMasksOptions } from "./export_masks.ts";

/** `{ index, count }`: part `index` of `count`, from 1, at most 1,024 parts (as `--shard i/n`). */
const SHARD: OptionType = {
  expects: "{ index, count }, whole numbers with index from 1 to count and count at most 1024",
  is: (value) => typeof value === "object" && value !== null,
  inRange: (value) => {
    const { index, count } = value as Record<string, unknown>;
    return Number.isInteger(index) && Number.isInteger(count) && (index as number) >= 1 &&
      (index as number) <= (count as number) && (count as number) <= 1024;
  },
};

/** A list; its items are checked where it is read. */
const LIST: OptionType = { expects: "a list", is: Array.isArray };

/** Every option of an export, by its type; `filters` are checked by `validateTaskFilters`. */
const EXPORT_OPTION_TYPES: OptionTypes<ExportMasksOptions> = {
  // A client's options given in its place would hold the secret key: named by kind only.
  client: {
    ...withMethods("a task source", ["getProjectConfiguration", "taskPages"]),
    required: true,
    secret: true,
  },
  projectId: TEXT,
  format: TEXT,
  inputId: TEXT,
  filters: OBJECT,
  outputFolder: TEXT,
  outputFilename: TEXT,
  replaceExtension: SWITCH,
  semanticMapping: OBJECT,
  maskFormat: TEXT,
  ignoreIndex: { expects: "a number", is: (value) => typeof value === "number" },
  stuff: TEXTS,
  labelmapFrom: TEXT,
  allowRemovedLabels: SWITCH,
  split: either(TEXT, LIST),
  splitSeed: TEXT,
  dryRun: SWITCH,
  shard: SHARD,
  resume: SWITCH,
  incremental: TEXT,
  overwrite: SWITCH,
  report: SWITCH,
  card: SWITCH,
  workerUrl: URL_OBJECT,
  concurrency: wholeNumber(1, 256),
  maxPixels: PIXEL_LIMIT,
  cocoSegmentation: TEXT,
  polygonTolerance: numberFrom(0),
  fileSystem: withMethods("a file system", [
    "lstat",
    "stat",
    "readFile",
    "writeFile",
    "open",
    "rename",
    "remove",
    "mkdir",
    "readDir",
  ]),
  memoryBudgetBytes: wholeNumber(1),
  now: DATE,
  platform: oneOf(["windows", "posix"]),
  signal: SIGNAL,
  onProgress: CALLBACK,
};

/**
 * Checks the value types of an export's options (`exportMasks`, `exportFormat`, `maskFiles`):
 * `client` must be given, another option left out is not checked, and the ranges the plan checks with a `ConfigError` (the
 * ignore index, the formats' names, the split's parts) are left to it.
 *
 * @param options The options as given.
 * @throws {TypeError} naming the first option of the wrong type.
 * @throws {RangeError} naming the first number out of its range.
 *
 * @example
 * ```ts
 * import { checkExportOptionTypes } from "./_export_option_types.ts";
 *
 * try {
 *   checkExportOptionTypes({ client: undefined, projectId: "p1" });
 * } catch (error) {
 *   console.log((error as Error).message); // "options.client must be a task source (an object with getProjectConfiguration, taskPages); got undefined"
 * }
 * ```
 */
export function checkExportOptionTypes(options: Partial<ExportMasksOptions>): void {
  checkOptionTypes(options, EXPORT_OPTION_TYPES);
}
