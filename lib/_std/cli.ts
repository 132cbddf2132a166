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
 * Parses `args` strictly: unknown flags throw {@linkcode UnknownFlagError}, a flag that needs a
 * value and has none throws a `TypeError` with the parser's message.
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
    throw error;
  }
}
