import type { Label } from "../api/types.ts";
import { ConfigError } from "../errors.ts";
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
  /** The classes in configuration order; index 0 is the background. */
  classes: ClassEntry[];
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
   * @default {255}
   */
  ignoreIndex?: number;
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
 * Numbers a project's labels as classes 1..N, in configuration order, for the `class-index`,
 * `palette` and `binary` mask formats. Labels without a `bChannel` cannot appear in a mask and
 * get no class; a bChannel shared by several labels maps to the first of them.
 *
 * @param labels The labels of the project or form input.
 * @param options The ignore index.
 * @returns The class table.
 * @throws {ConfigError} when the ignore index is not above the number of classes or not in 1..255.
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
  const ignoreIndex = options.ignoreIndex ?? 255;
  const classes: ClassEntry[] = [];
  const indexByBChannel = new Uint8Array(256);
  const labelByBChannel: (string | undefined)[] = new Array(256).fill(undefined);
  for (const label of labels) {
    const bChannel = label.bChannel;
    if (
      typeof bChannel !== "number" || !Number.isInteger(bChannel) || bChannel < 1 || bChannel > 255
    ) {
      continue;
    }
    const index = classes.length + 1;
    classes.push({
      id: label.id,
      name: label.name ?? label.id,
      index,
      colour: parseColour(label.color) ?? FALLBACK[(index - 1) % FALLBACK.length],
      bChannel,
    });
    if (labelByBChannel[bChannel] === undefined) {
      labelByBChannel[bChannel] = label.id;
      indexByBChannel[bChannel] = index;
    }
  }
  if (!Number.isInteger(ignoreIndex) || ignoreIndex <= classes.length || ignoreIndex > 255) {
    throw new ConfigError(
      `The ignore index ${ignoreIndex} must be from ${classes.length + 1} to 255: the project ` +
        `has ${classes.length} classes, numbered from 1`,
      { setting: "ignoreIndex" },
    );
  }
  // Only labelled pixels (R >= 1) are looked up: an unknown bChannel, 0 included, is "ignore".
  for (let b = 0; b < 256; b++) {
    if (labelByBChannel[b] === undefined) indexByBChannel[b] = ignoreIndex;
  }
  return { classes, ignoreIndex, indexByBChannel, labelByBChannel };
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
  for (const entry of table.classes) palette.set(entry.colour, entry.index * 3);
  palette.set(IGNORE_COLOUR, table.ignoreIndex * 3);
  return palette;
}

function parseColour(colour: string | undefined): RgbColour | undefined {
  const match = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(colour?.trim() ?? "");
  if (!match) return undefined;
  const hex = match[1].length === 3
    ? [...match[1]].map((digit) => digit + digit).join("")
    : match[1];
  return [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16)) as unknown as RgbColour;
}
