import { ConfigError } from "../errors.ts";
import type { RgbColour } from "./resolve_semantic_mapping.ts";
import { parseJsonText } from "../parse_json_text.ts";
import { checkArgumentType, TEXT } from "../option_types.ts";

/** One class of a pinned class map: a label that keeps its index and colour. */
export interface PinnedClass {
  /** The label id. */
  id: string;
  /** The label name. */
  name: string;
  /** The class index the label keeps. */
  index: number;
  /** The colour the label keeps. */
  colour: RgbColour;
  /** The label left the configuration in an earlier export; its index stays reserved. */
  removed?: boolean;
}

/** An earlier export's class numbering, that a new export keeps (`labelmap.json`). */
export interface PinnedClassMap {
  /** Where the map was read, for messages (the file's path). */
  source: string;
  /** The setting that named it (`labelmapFrom`, or `incremental` for an export's own map). */
  setting: string;
  /** The classes, in the file's order. */
  classes: PinnedClass[];
  /** The map's ignore index. */
  ignoreIndex: number;
}

/**
 * Reads a `labelmap.json` (as `--mask-format class-index` or `palette` writes it) into a pinned
 * class map. The file is checked as hostile input: it must be a JSON object whose `classes` (and
 * `reserved`, if any) are entries with a string `id`, a whole `index` from 1 to 254, and a colour
 * of three bytes; no index or id may appear twice, and the ignore index must be above every index.
 *
 * @param text The file's text.
 * @param where Where it was read, and the setting that named it, for messages.
 * @returns The pinned map.
 * @throws {ConfigError} naming the file and what is wrong with it.
 * @throws {TypeError} when `text` is not a string.
 *
 * @example
 * ```ts
 * import { parsePinnedClassMap } from "@lab/masks/detect";
 *
 * const map = parsePinnedClassMap(
 *   '{"background": 0, "ignoreIndex": 255, "classes": [{"id": "car", "name": "Car", "index": 2, "colour": [255, 0, 0]}]}',
 *   { source: "labelmap.json", setting: "labelmapFrom" },
 * );
 * console.log(map.classes[0].index); // 2
 * ```
 */
export function parsePinnedClassMap(
  text: string,
  where: { source: string; setting: string },
): PinnedClassMap {
  checkArgumentType(text, "text", TEXT);
  const fail = (why: string): never => {
    throw new ConfigError(
      `The class map "${where.source}" cannot be used: ${why}; give the labelmap.json of an ` +
        "earlier class-index or palette export, or its folder",
      { setting: where.setting },
    );
  };
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    // Where it breaks, never its text: a file named by mistake may hold a secret.
    fail(`it is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(json)) return fail("it is not a JSON object");
  if (!Array.isArray(json.classes)) return fail('it has no "classes" list');
  const reserved = json.reserved ?? [];
  if (!Array.isArray(reserved)) return fail('its "reserved" is not a list');
  const ignoreIndex = json.ignoreIndex ?? 255;
  if (!isByte(ignoreIndex) || ignoreIndex < 1) {
    return fail(
      `its ignoreIndex ${JSON.stringify(ignoreIndex)} is not a whole number from 1 to 255`,
    );
  }
  const classes: PinnedClass[] = [];
  const seenIndex = new Map<number, string>();
  const seenId = new Set<string>();
  const entries = [
    ...json.classes.map((entry) => ({ entry, removed: false })),
    ...reserved.map((entry) => ({ entry, removed: true })),
  ];
  for (const [position, { entry, removed }] of entries.entries()) {
    const pinned = pinnedClass(entry, removed);
    if (typeof pinned === "string") return fail(`its entry ${position + 1} ${pinned}`);
    if (pinned.index >= ignoreIndex) {
      return fail(
        `label "${pinned.id}" has index ${pinned.index}, not below the ignore index ${ignoreIndex}`,
      );
    }
    if (seenIndex.has(pinned.index)) {
      return fail(
        `index ${pinned.index} is given to both "${
          seenIndex.get(pinned.index)
        }" and "${pinned.id}"`,
      );
    }
    if (seenId.has(pinned.id)) return fail(`label "${pinned.id}" is listed twice`);
    seenIndex.set(pinned.index, pinned.id);
    seenId.add(pinned.id);
    classes.push(pinned);
  }
  return { source: where.source, setting: where.setting, classes, ignoreIndex };
}

/** A field's value as a message shows it: `index 300`, or `no index`. */
function shown(field: string, value: unknown): string {
  return value === undefined ? `no ${field}` : `${field} ${JSON.stringify(value)}`;
}

/** A class entry of the file, or what is wrong with it. */
function pinnedClass(entry: unknown, removed: boolean): PinnedClass | string {
  if (!isRecord(entry)) return "is not an object";
  const { id, index, colour } = entry;
  if (typeof id !== "string" || id === "") return "has no string id";
  if (!isByte(index) || index < 1 || index > 254) {
    return `(label "${id}") has ${shown("index", index)}, not a whole number from 1 to 254`;
  }
  if (!Array.isArray(colour) || colour.length !== 3 || !colour.every(isByte)) {
    return `(label "${id}") has ${shown("colour", colour)}, not three numbers from 0 to 255`;
  }
  const name = typeof entry.name === "string" ? entry.name : id;
  const pinned: PinnedClass = { id, name, index, colour: [colour[0], colour[1], colour[2]] };
  if (removed) pinned.removed = true;
  return pinned;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isByte(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 255;
}
