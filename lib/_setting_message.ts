/**
 * Error messages that name settings by their canonical key, so that each surface words them its
 * own way: the command line says `--output-folder`, the Action says input `output-folder`, and a
 * library user reads `options.outputFolder`.
 *
 * @module
 */
import type { SettingNamer, SettingRole, SettingText } from "./errors.ts";

/** A setting named in a message; see {@linkcode settingMessage}. */
export interface SettingRef {
  /** The canonical key, e.g. `"statusIn"`. */
  readonly setting: string;
  /** Whether the sentence is about the setting, or names it in passing. */
  readonly role: SettingRole;
  /** Where it sits in the library's options, e.g. `"filters.statusIn"`. */
  readonly option: string;
}

/**
 * A setting as the subject of a message.
 *
 * @param setting The canonical key.
 * @param option Where it sits in the library's options. @default {setting}
 * @returns The reference, for {@linkcode settingMessage}.
 */
export function subject(setting: string, option: string = setting): SettingRef {
  return { setting, role: "subject", option };
}

/**
 * A setting named in passing in a message.
 *
 * @param setting The canonical key.
 * @param option Where it sits in the library's options. @default {setting}
 * @returns The reference, for {@linkcode settingMessage}.
 */
export function mention(setting: string, option: string = setting): SettingRef {
  return { setting, role: "mention", option };
}

/** A message whose settings are rendered by each surface; its string is the library's words. */
export class SettingMessage implements SettingText {
  readonly #texts: readonly string[];
  readonly #values: readonly unknown[];

  /**
   * Creates a message from a template's texts and values; see {@linkcode settingMessage}.
   *
   * @param texts The text around the values.
   * @param values The values: {@linkcode SettingRef}s and nested messages are rendered, others
   * are written as is.
   */
  constructor(texts: readonly string[], values: readonly unknown[]) {
    this.#texts = texts;
    this.#values = values;
  }

  /**
   * The message with its settings in one surface's words.
   *
   * @param nameOf How that surface names a setting.
   * @returns The message.
   */
  render(nameOf: SettingNamer): string {
    return this.#texts.reduce((message, text, i) => {
      if (i === 0) return text;
      const value = this.#values[i - 1];
      const shown = isSettingRef(value)
        ? nameOf(value.setting, value.role)
        : value instanceof SettingMessage
        ? value.render(nameOf)
        : value;
      return message + shown + text;
    }, "");
  }

  /** The message in the library's words: `options.outputFolder`. */
  toString(): string {
    const options = new Map(this.#values.filter(isSettingRef).map((ref) => [ref.setting, ref]));
    return this.render((setting) => `options.${options.get(setting)?.option ?? setting}`);
  }
}

/**
 * A tagged template for error messages that name settings with {@linkcode subject} and
 * {@linkcode mention}.
 *
 * @param texts The template's texts.
 * @param values The template's values.
 * @returns The message.
 */
export function settingMessage(
  texts: TemplateStringsArray,
  ...values: unknown[]
): SettingMessage {
  return new SettingMessage([...texts], values);
}

function isSettingRef(value: unknown): value is SettingRef {
  return typeof value === "object" && value !== null && "setting" in value && "role" in value &&
    "option" in value;
}
