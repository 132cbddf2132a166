/**
 * Command-line flag parsing on `node:util`'s `parseArgs`. Stands in for `@std/cli`'s `parseArgs`
 * (JSR is out of reach where this package is built, see the README): switching changes this file
 * only, behind the same small interface.
 *
 * @module
 */
import { parseArgs } from "node:util";

/** Which flags exist and what they take. */
export interface FlagSpec {
  /** Flags that take a value; the last one given wins. */
  string?: readonly string[];
  /** Flags that take a value and may repeat; every value is kept. */
  collect?: readonly string[];
  /** Flags that take no value. */
  boolean?: readonly string[];
  /** One-letter forms: the letter (without `-`) → the flag's name. */
  short?: Readonly<Record<string, string>>;
}

/** Parsed flags: values by flag name (without `--`), and the positional arguments in `_`. */
export interface ParsedFlags {
  /** Positional arguments. */
  _: string[];
  /** Flag values: `string`, `string[]` (collected) or `boolean`. */
  [flag: string]: string | string[] | boolean | undefined;
}

/** A flag that is not in the spec; the caller turns it into a usage error with a suggestion. */
export class UnknownFlagError extends Error {
  /** The flag as typed, e.g. `--stauts-in`. */
  readonly flag: string;

  /**
   * @param flag The unknown flag.
   * @param message The parser's message.
   */
  constructor(flag: string, message: string) {
    super(message);
    this.name = "UnknownFlagError";
    this.flag = flag;
  }
}

/**
 * A flag given without the value it takes (`--port` last, or followed by `-1`), or with a value
 * it does not take (`--help=x`); its message says so in one line, for a usage error.
 */
export class FlagValueError extends Error {
  /** The flag, e.g. `--port`. */
  readonly flag: string;

  /**
   * @param flag The flag.
   * @param message What is wrong, in one line.
   */
  constructor(flag: string, message: string) {
    super(message);
    this.name = "FlagValueError";
    this.flag = flag;
  }
}

/**
 * Parses `args` strictly: unknown flags throw {@linkcode UnknownFlagError}, a flag without its
 * value (or with one it does not take) throws {@linkcode FlagValueError}.
 *
 * @param args The arguments, without the program name.
 * @param spec The flags.
 * @returns The parsed flags.
 */
export function parseFlags(args: readonly string[], spec: FlagSpec): ParsedFlags {
  const options: Record<
    string,
    { type: "string" | "boolean"; multiple?: boolean; short?: string }
  > = {};
  for (const name of spec.string ?? []) options[name] = { type: "string" };
  for (const name of spec.collect ?? []) options[name] = { type: "string", multiple: true };
  for (const name of spec.boolean ?? []) options[name] = { type: "boolean" };
  for (const [letter, name] of Object.entries(spec.short ?? {})) options[name].short = letter;
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      strict: true,
      allowPositionals: true,
    });
    return { ...values, _: positionals } as ParsedFlags;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const flag = /'([^']+)'/.exec((error as Error).message)?.[1] ?? "";
      throw new UnknownFlagError(flag, (error as Error).message);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw flagValueError(args, error as Error);
    throw error;
  }
}

/** The parser's three-line message about a flag's value, in one line of our own. */
function flagValueError(args: readonly string[], error: Error): FlagValueError {
  const flag = /(--[\w-]+)/.exec(error.message)?.[1] ?? "";
  if (/does not take an argument/.test(error.message)) {
    return new FlagValueError(flag, `Option "${flag}" takes no value: write it alone`);
  }
  // Ambiguous: the next word starts with "-" (a negative number, or the next flag).
  const next = args[args.indexOf(flag) + 1];
  const dashed = /ambiguous/.test(error.message) && next !== undefined;
  return new FlagValueError(
    flag,
    dashed
      ? `Option "${flag}" needs a value, and "${next}" starts with "-": to give it, write ${flag}=${next}`
      : `Option "${flag}" needs a value`,
  );
}
