import type { Label } from "../api/types.ts";
import { ConfigError } from "../errors.ts";

/** An 8-bit RGB colour. */
export type RgbColour = readonly [number, number, number];

/** A semantic mapping, as the SDK's `semantic_mapping`: label id → the RGB colour to paint. */
export type SemanticMapping = Readonly<Record<string, RgbColour>>;

/**
 * Turns a semantic mapping keyed by label id into one keyed by blue-channel value, checking it
 * against the labels of the project.
 *
 * Stricter than the SDK (`lab-api.md`, rule 6): unknown label ids, labels without a usable
 * `bChannel` and malformed colours are errors, where the SDK ignores or crashes.
 *
 * @param mapping The mapping, e.g. parsed from JSON; checked value by value.
 * @param labels The labels of the project or form input.
 * @returns The colour of each mapped blue-channel value.
 * @throws {ConfigError} when the mapping is not an object, a label id is unknown, a label has no
 * `bChannel` in 1..255, a colour is not three integers 0..255, or two labels with the same
 * `bChannel` are mapped to different colours.
 *
 * @example
 * ```ts
 * import { resolveSemanticMapping } from "@lab/masks/detect";
 *
 * const byBChannel = resolveSemanticMapping(
 *   { car: [128, 64, 128] },
 *   [{ id: "car", name: "Car", bChannel: 1 }],
 * );
 * console.log(byBChannel.get(1)); // [128, 64, 128]
 * ```
 */
export function resolveSemanticMapping(
  value: unknown,
  labels: readonly Label[],
): Map<number, RgbColour> {
  const mapping = mappingObject(value);
  const labelById = new Map(labels.map((label) => [label.id, label]));
  const byBChannel = new Map<number, RgbColour>();
  const mappedBy = new Map<number, string>();
  for (const [labelId, colour] of Object.entries(mapping)) {
    const label = labelById.get(labelId);
    if (!label) {
      const known = labels.map((known) => `"${known.id}"`).join(", ") || "none";
      throw new ConfigError(
        `The semantic mapping names label "${labelId}", which the project does not have; ` +
          `known label ids: ${known}`,
        { setting: "semanticMapping" },
      );
    }
    const bChannel = label.bChannel;
    if (
      typeof bChannel !== "number" || !Number.isInteger(bChannel) || bChannel < 1 || bChannel > 255
    ) {
      throw new ConfigError(
        `The semantic mapping names label "${labelId}", which has no bChannel in 1..255 in the ` +
          `project configuration (got ${describe(bChannel)}), so its pixels cannot be found; ` +
          `remove it from the mapping or fix the label`,
        { setting: "semanticMapping" },
      );
    }
    const rgb = checkColour(labelId, colour);
    const previous = byBChannel.get(bChannel);
    if (previous && previous.some((value, i) => value !== rgb[i])) {
      throw new ConfigError(
        `The semantic mapping gives labels "${mappedBy.get(bChannel)}" and "${labelId}" ` +
          `different colours, but both have bChannel ${bChannel}, so their pixels cannot be ` +
          `told apart; give them the same colour`,
        { setting: "semanticMapping" },
      );
    }
    byBChannel.set(bChannel, rgb);
    mappedBy.set(bChannel, labelId);
  }
  return byBChannel;
}

/**
 * Checks that parsed JSON is a semantic mapping: an object of label id to `[r, g, b]`, each
 * colour three integers 0..255. Its label ids are checked against the project by
 * {@linkcode resolveSemanticMapping}.
 *
 * @param value The parsed JSON.
 * @returns The mapping, typed.
 * @throws {ConfigError} when it is not an object, or a colour is not three integers 0..255.
 *
 * @example
 * ```ts
 * import { semanticMappingOf } from "@lab/masks/detect";
 *
 * console.log(semanticMappingOf(JSON.parse('{"car": [128, 64, 128]}'))); // { car: [128, 64, 128] }
 * ```
 */
export function semanticMappingOf(value: unknown): SemanticMapping {
  const entries = Object.entries(mappingObject(value));
  return Object.fromEntries(
    entries.map(([labelId, colour]) => [labelId, checkColour(labelId, colour)]),
  );
}

function mappingObject(mapping: unknown): object {
  if (mapping === null || typeof mapping !== "object" || Array.isArray(mapping)) {
    throw new ConfigError(
      `The semantic mapping must be a JSON object of label id to [r, g, b], like ` +
        `{"car": [128, 64, 128]}; got ${describe(mapping)}`,
      { setting: "semanticMapping" },
    );
  }
  return mapping;
}

function checkColour(labelId: string, colour: unknown): RgbColour {
  const valid = Array.isArray(colour) && colour.length === 3 &&
    colour.every((value) => Number.isInteger(value) && value >= 0 && value <= 255);
  if (!valid) {
    throw new ConfigError(
      `The semantic mapping's colour for label "${labelId}" must be three integers 0..255 ` +
        `like [128, 64, 128]; got ${describe(colour)}`,
      { setting: "semanticMapping" },
    );
  }
  return [colour[0], colour[1], colour[2]];
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
