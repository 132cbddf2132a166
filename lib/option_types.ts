/**
 * The value types of an options object, checked when the call is made: TypeScript checks them for
 * a typed caller, but JavaScript, options read from JSON and values taken from the environment
 * reach the library unchecked. Without this, `overwrite: "false"` is true, `concurrency: 0` runs,
 * and a wrong type fails deep inside as `x.trim is not a function`. A value of the wrong type is a
 * `TypeError`, a number out of its range a `RangeError` (a programmer's errors, as the runtime's
 * own), each naming the option as the library writes it: `options.concurrency`.
 *
 * @module
 */

import { inertText } from "./inert_text.ts";

/** How one option's value is checked: its type, then, for numbers, its range. */
export interface OptionType {
  /** What the value must be, after "must be": `true or false`, `a whole number from 1 to 256`. */
  readonly expects: string;
  /** Whether the value has the right type. */
  readonly is: (value: unknown) => boolean;
  /** Whether a value of the right type is in range (every value, when not given). */
  readonly inRange?: (value: unknown) => boolean;
  /** A secret: the message names the value's kind, never the value. */
  readonly secret?: boolean;
  /** Must be given: `undefined` is refused too. */
  readonly required?: boolean;
}

/** An option type for every key of `Options` (required ones too), so none is forgotten. */
export type OptionTypes<Options> = { readonly [Key in keyof Options]-?: OptionType };

/** A string. */
export const TEXT: OptionType = { expects: "a string", is: (value) => typeof value === "string" };

/** A `Uint8Array` (a file's or a stream's bytes). */
export const BYTES: OptionType = {
  expects: "a Uint8Array",
  is: (value) => value instanceof Uint8Array,
};

/** `true` or `false`, nothing truthy. */
export const SWITCH: OptionType = {
  expects: "true or false",
  is: (value) => typeof value === "boolean",
};

/** A function. */
export const CALLBACK: OptionType = {
  expects: "a function",
  is: (value) => typeof value === "function",
};

/** An object (not `null`); what it holds is checked where it is read. */
export const OBJECT: OptionType = {
  expects: "an object",
  is: (value) => typeof value === "object" && value !== null,
};

/** A list of strings. */
export const TEXTS: OptionType = {
  expects: "a list of strings",
  is: (value) => Array.isArray(value) && value.every((item) => typeof item === "string"),
};

/** An `AbortSignal`. */
export const SIGNAL: OptionType = {
  expects: "an AbortSignal",
  is: (value) => value instanceof AbortSignal,
};

/** A `URL`. */
export const URL_OBJECT: OptionType = { expects: "a URL", is: (value) => value instanceof URL };

/** A `Date` that holds a time. */
export const DATE: OptionType = {
  expects: "a Date",
  is: (value) => value instanceof Date,
  inRange: (value) => !Number.isNaN((value as Date).getTime()),
};

/**
 * A whole number from `low` to `high`.
 *
 * @param low The smallest accepted.
 * @param high The largest accepted (default: none).
 * @returns The type.
 *
 * @example
 * ```ts
 * import { checkOptionTypes, wholeNumber } from "./option_types.ts";
 *
 * try {
 *   checkOptionTypes({ concurrency: 0 }, { concurrency: wholeNumber(1, 256) });
 * } catch (error) {
 *   console.log((error as Error).message); // "options.concurrency must be a whole number from 1 to 256; got 0"
 * }
 * ```
 */
export function wholeNumber(low: number, high = Number.MAX_SAFE_INTEGER): OptionType {
  return {
    expects: high === Number.MAX_SAFE_INTEGER
      ? `a whole number of at least ${low}`
      : `a whole number from ${low} to ${high}`,
    is: (value) => typeof value === "number",
    inRange: (value) =>
      Number.isInteger(value) && low <= (value as number) && (value as number) <= high,
  };
}

/** Every `maxPixels` option: a whole number of pixels from 1 to 2^31, as `--max-pixels` takes. */
export const PIXEL_LIMIT: OptionType = wholeNumber(1, 2 ** 31);

/**
 * A finite number of at least `low`.
 *
 * @param low The smallest accepted.
 * @returns The type.
 *
 * @example
 * ```ts
 * import { checkOptionTypes, numberFrom } from "./option_types.ts";
 *
 * checkOptionTypes({ tolerance: 0.5 }, { tolerance: numberFrom(0) }); // passes
 * ```
 */
export function numberFrom(low: number): OptionType {
  return {
    expects: `a finite number of at least ${low}`,
    is: (value) => typeof value === "number",
    inRange: (value) => Number.isFinite(value) && (value as number) >= low,
  };
}

/**
 * One of a few strings, or of a few numbers.
 *
 * @param choices The strings (or numbers) accepted.
 * @returns The type.
 *
 * @example
 * ```ts
 * import { checkOptionTypes, oneOf } from "./option_types.ts";
 *
 * try {
 *   checkOptionTypes({ platform: "mac" }, { platform: oneOf(["windows", "posix"]) });
 * } catch (error) {
 *   console.log((error as Error).message); // 'options.platform must be "windows" or "posix"; got "mac"'
 * }
 * ```
 */
export function oneOf(choices: readonly string[] | readonly number[]): OptionType {
  const quoted = choices.map((choice) => JSON.stringify(choice));
  // A number given for a string (or the reverse) is of the wrong type.
  const numbers = typeof choices[0] === "number";
  return {
    expects: `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`,
    is: (value) => numbers ? typeof value === "number" : typeof value === "string",
    inRange: (value) => (choices as readonly unknown[]).includes(value),
  };
}

/**
 * An object with these methods, e.g. a task source or a file system.
 *
 * @param what What it is, in words.
 * @param methods The functions it must have.
 * @returns The type.
 *
 * @example
 * ```ts
 * import { checkOptionTypes, withMethods } from "./option_types.ts";
 *
 * checkOptionTypes({ log: console }, { log: withMethods("a console", ["info"]) }); // passes
 * ```
 */
export function withMethods(what: string, methods: readonly string[]): OptionType {
  return {
    expects: `${what} (an object with ${methods.join(", ")})`,
    is: (value) =>
      typeof value === "object" && value !== null &&
      methods.every((name) => typeof (value as Record<string, unknown>)[name] === "function"),
  };
}

/**
 * Either of two types.
 *
 * @param first One type.
 * @param second The other.
 * @returns The type: `first`'s range for its values, `second`'s for the others.
 *
 * @example
 * ```ts
 * import { checkOptionTypes, either, TEXT, URL_OBJECT } from "./option_types.ts";
 *
 * checkOptionTypes({ endpoint: new URL("https://a.example/") }, { endpoint: either(TEXT, URL_OBJECT) });
 * ```
 */
export function either(first: OptionType, second: OptionType): OptionType {
  return {
    expects: `${first.expects} or ${second.expects}`,
    is: (value) => first.is(value) || second.is(value),
    inRange: (value) => (first.is(value) ? first : second).inRange?.(value) ?? true,
  };
}

/**
 * Checks the options a caller gave against their types: an option left out (`undefined`) is not
 * checked unless it is required, and keys the table does not name are left alone.
 *
 * @param options The options as given.
 * @param types Each option's type.
 * @param path How the message names the options object, e.g. `options.filters`.
 * @throws {TypeError} naming the first option whose value is of the wrong type (or when
 * `options` is not an object).
 * @throws {RangeError} naming the first number (or date, or choice) out of its range.
 *
 * @example
 * ```ts
 * import { checkOptionTypes, SWITCH } from "./option_types.ts";
 *
 * try {
 *   checkOptionTypes({ overwrite: "false" }, { overwrite: SWITCH });
 * } catch (error) {
 *   console.log((error as Error).message); // 'options.overwrite must be true or false; got the string "false"'
 * }
 * ```
 */
export function checkOptionTypes(
  options: unknown,
  types: Readonly<Record<string, OptionType>>,
  path = "options",
): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`${path} must be an object; got ${describe(options)}`);
  }
  for (const [key, type] of Object.entries(types)) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined && !type.required) continue;
    checkArgumentType(value, `${path}.${key}`, type);
  }
}

/**
 * Checks one argument given by position, as {@linkcode checkOptionTypes} checks an option: a
 * value that is not of its type is a `TypeError` naming the argument and what it got.
 *
 * @param value The argument as given.
 * @param name How the message names it, e.g. `folder`.
 * @param type Its type.
 * @throws {TypeError} when the value is not of its type.
 * @throws {RangeError} when it is out of its range.
 *
 * @example
 * ```ts
 * import { checkArgumentType, TEXT } from "./option_types.ts";
 *
 * try {
 *   checkArgumentType(5, "folder", TEXT);
 * } catch (error) {
 *   console.log((error as Error).message); // "folder must be a string; got 5"
 * }
 * ```
 */
export function checkArgumentType(value: unknown, name: string, type: OptionType): void {
  const fits = type.is(value);
  if (fits && (type.inRange?.(value) ?? true)) return;
  const message = `${name} must be ${type.expects}; got ${
    type.secret ? kindOf(value) : describe(value)
  }`;
  throw fits ? new RangeError(message) : new TypeError(message);
}

/** The most characters of a string a message quotes. */
const QUOTED = 60;

/**
 * A value in a message: a short string quoted, a number as written, a short plain object or list
 * as JSON (inert), else its kind.
 */
function describe(value: unknown): string {
  if (typeof value === "string") {
    const shown = value.length > QUOTED ? `${value.slice(0, QUOTED)}…` : value;
    return `the string ${inertText(JSON.stringify(shown))}`;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  const json = plainJson(value);
  return json !== undefined && json.length <= QUOTED ? inertText(json) : kindOf(value);
}

/** A plain object's or a list's JSON, when it has one (no cycle, no big integer). */
function plainJson(value: unknown): string | undefined {
  const plain = Array.isArray(value) ||
    (typeof value === "object" && value !== null &&
      [Object.prototype, null].includes(Object.getPrototypeOf(value)));
  if (!plain) return undefined;
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** A value's kind, without its value. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "a list";
  const name = typeof value === "object" ? value.constructor?.name : typeof value;
  const kind = name === undefined || name === "Object" ? "object" : name;
  // "a URL", "a Uint8Array": a capital U is said "you".
  return `${/^[aeiouAEIO]/.test(kind) ? "an" : "a"} ${kind}`;
}
