import type { Label } from "../api/types.ts";
import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import type { PinnedClass, PinnedClassMap } from "./pinned_class_map.ts";
import type { RgbColour } from "./resolve_semantic_mapping.ts";

/** One class of a class-index mask. */
export interface ClassEntry {
  /** The label id. */
  id: string;
  /** The label name (the id when the label has none). */
  name: string;
  /** The class index written in masks, from 1. */
  index: number;
  /** The label's colour, from the configuration's `#rrggbb` (a fixed palette colour without one). */
  colour: RgbColour;
  /** The label's blue-channel value in the platform's masks. */
  bChannel: number;
}

/** The classes of a project, and how a mask pixel's blue channel maps to them. */
export interface ClassTable {
  /** The classes in index order (configuration order unless pinned); index 0 is the background. */
  classes: ClassEntry[];
  /** The labels of a pinned map that left the configuration: their indices stay unused. */
  reserved: PinnedClass[];
  /** The index of labelled pixels whose bChannel no label has. */
  ignoreIndex: number;
  /** Class index by bChannel (0..255); unknown bChannels map to `ignoreIndex`. */
  indexByBChannel: Uint8Array;
  /** Label id by bChannel, `undefined` where no label has it. */
  labelByBChannel: (string | undefined)[];
}

/** Options of {@linkcode classTable}. */
export interface ClassTableOptions {
  /**
   * The index of labelled pixels whose bChannel no label has; it must be above the number of
   * classes.
   *
   * @default {the pinned map's, else 255}
   */
  ignoreIndex?: number;
  /**
   * An earlier export's numbering to keep: each label keeps its index and colour by label id, and
   * labels new to the configuration take the free indices from 1 up, in configuration order.
   *
   * @default {undefined} (classes 1..N in configuration order)
   */
  pinned?: PinnedClassMap;
  /**
   * With `pinned`: a pinned label the configuration no longer has keeps its index reserved and
   * unused, rather than stopping the export.
   *
   * @default {false}
   */
  allowRemovedLabels?: boolean;
}

// Pascal VOC's colour for "ignore", and a fallback palette for labels without a colour.
const IGNORE_COLOUR: RgbColour = [224, 224, 192];
const FALLBACK: RgbColour[] = [
  [128, 0, 0],
  [0, 128, 0],
  [128, 128, 0],
  [0, 0, 128],
  [128, 0, 128],
  [
    0,
    128,
    128,
  ],
  [128, 128, 128],
  [64, 0, 0],
  [192, 0, 0],
  [64, 128, 0],
];

/**
 * Numbers a project's labels as classes for the `class-index`, `palette` and `binary` mask
 * formats, `labelmap.json`, COCO categories and a pinned YOLO class order: classes 1..N in
 * configuration order, or, with a `pinned` map, each label's earlier index and colour (new labels
 * take the free indices from 1 up). Labels without a `bChannel` cannot appear in a mask and get no
 * class; a bChannel shared by several labels maps to the first of them.
 *
 * @param labels The labels of the project or form input.
 * @param options The ignore index, and the pinned map.
 * @returns The class table.
 * @throws {ConfigError} when the ignore index is not above every class index or not in 1..255,
 * or a label of the pinned map is no longer in the configuration (without `allowRemovedLabels`).
 *
 * @example
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 *
 * const table = classTable([{ id: "car", name: "Car", color: "#ff0000", bChannel: 7 }]);
 * console.log(table.classes[0].index, table.indexByBChannel[7], table.indexByBChannel[9]); // 1 1 255
 * ```
 */
export function classTable(labels: readonly Label[], options: ClassTableOptions = {}): ClassTable {
  const ignoreIndex = options.ignoreIndex ?? options.pinned?.ignoreIndex ?? 255;
  const usable = labels.filter(({ bChannel }) =>
    typeof bChannel === "number" && Number.isInteger(bChannel) && bChannel >= 1 && bChannel <= 255
  );
  const { pinnedById, reserved } = pinnedClasses(usable, options);
  const taken = new Set([...pinnedById.values(), ...reserved].map((entry) => entry.index));
  let next = 1;
  const classes: ClassEntry[] = [];
  const indexByBChannel = new Uint8Array(256);
  const labelByBChannel: (string | undefined)[] = new Array(256).fill(undefined);
  for (const label of usable) {
    const bChannel = label.bChannel as number;
    const pinned = pinnedById.get(label.id);
    while (pinned === undefined && taken.has(next)) next++;
    const index = pinned?.index ?? next++;
    classes.push({
      id: label.id,
      name: typeof label.name === "string" ? label.name : label.id,
      index,
      colour: pinned?.colour ?? parseColour(label.color) ?? FALLBACK[(index - 1) % FALLBACK.length],
      bChannel,
    });
    if (labelByBChannel[bChannel] === undefined) {
      labelByBChannel[bChannel] = label.id;
      indexByBChannel[bChannel] = index;
    }
  }
  classes.sort((a, b) => a.index - b.index);
  const highest = Math.max(0, ...classes.map((entry) => entry.index), ...taken);
  if (!Number.isInteger(ignoreIndex) || ignoreIndex <= highest || ignoreIndex > 255) {
    throw new ConfigError(
      `The ignore index ${ignoreIndex} must be from ${highest + 1} to 255: the project ` +
        `has ${classes.length} classes, numbered from 1 to ${highest}`,
      { setting: "ignoreIndex" },
    );
  }
  // Only labelled pixels (R >= 1) are looked up: an unknown bChannel, 0 included, is "ignore".
  for (let b = 0; b < 256; b++) {
    if (labelByBChannel[b] === undefined) indexByBChannel[b] = ignoreIndex;
  }
  return { classes, reserved, ignoreIndex, indexByBChannel, labelByBChannel };
}

/**
 * The pinned classes the configuration still has, by label id, and those it lost (reserved); a
 * lost one stops the export unless removed labels are allowed or it was already reserved.
 */
function pinnedClasses(
  usable: readonly Label[],
  options: ClassTableOptions,
): { pinnedById: Map<string, PinnedClass>; reserved: PinnedClass[] } {
  const pinnedById = new Map<string, PinnedClass>();
  const reserved: PinnedClass[] = [];
  const { pinned } = options;
  if (pinned === undefined) return { pinnedById, reserved };
  const ids = new Set(usable.map((label) => label.id));
  for (const entry of pinned.classes) {
    if (ids.has(entry.id)) {
      pinnedById.set(entry.id, entry);
      continue;
    }
    if (!entry.removed && !options.allowRemovedLabels) {
      throw new ConfigError(
        settingMessage`Label "${entry.id}" (class ${entry.index}) of the class map "${pinned.source}" is no longer in the project's configuration (or has no bChannel); add it back, or add ${
          mention("allowRemovedLabels")
        } to keep index ${entry.index} reserved and unused`,
        { setting: pinned.setting },
      );
    }
    reserved.push({ ...entry, removed: true });
  }
  reserved.sort((a, b) => a.index - b.index);
  return { pinnedById, reserved };
}

/**
 * The palette of a class table: black background, each class's colour, the ignore colour.
 *
 * @param table The class table.
 * @returns RGB triplets for indices 0..ignoreIndex.
 *
 * @example
 * ```ts
 * import { classPalette, classTable } from "@lab/masks/detect";
 *
 * const palette = classPalette(classTable([{ id: "a", color: "#010203", bChannel: 1 }], { ignoreIndex: 2 }));
 * console.log([...palette]); // [0, 0, 0, 1, 2, 3, 224, 224, 192]
 * ```
 */
export function classPalette(table: ClassTable): Uint8Array {
  const palette = new Uint8Array((table.ignoreIndex + 1) * 3);
  for (const entry of [...table.reserved, ...table.classes]) {
    palette.set(entry.colour, entry.index * 3);
  }
  palette.set(IGNORE_COLOUR, table.ignoreIndex * 3);
  return palette;
}

/** A label's `#rrggbb` or `#rgb` colour; `undefined` for anything else (a number, a word). */
function parseColour(colour: unknown): RgbColour | undefined {
  const match = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(
    typeof colour === "string" ? colour.trim() : "",
  );
  if (!match) return undefined;
  const hex = match[1].length === 3
    ? [...match[1]].map((digit) => digit + digit).join("")
    : match[1];
  return [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16)) as unknown as RgbColour;
}
