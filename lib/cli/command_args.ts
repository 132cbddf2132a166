/**
 * The arguments of the small commands (`verify`, `diff`): operands, boolean flags, flags with a
 * value, and `--help`.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";
import { closestWord } from "./closest_word.ts";

/** What a command accepts. */
export interface CommandArgsSpec {
  /** The command's name, for errors. */
  command: string;
  /** Its boolean flags, without `--`. */
  flags: readonly string[];
  /** Its flags that take a value, without `--`. */
  valued?: readonly string[];
  /** How many operands it takes. */
  operands: number;
}

/** Parsed arguments. */
export interface CommandArgs {
  /** Whether `--help` or `-h` was given. */
  help: boolean;
  /** The operands, in order. */
  operands: string[];
  /** The boolean flags given. */
  flags: Set<string>;
  /** The valued flags given, by name. */
  values: Map<string, string>;
}

/**
 * Parses a small command's arguments.
 *
 * @param args The arguments after the command's name.
 * @param spec What the command accepts.
 * @returns The parsed arguments.
 * @throws {ConfigError} naming an unknown flag (and the closest known one), a flag without its
 * value, or an extra operand.
 *
 * @example
 * ```ts
 * import { commandArgs } from "./command_args.ts";
 *
 * const parsed = commandArgs(["a", "--json"], { command: "verify", flags: ["json"], operands: 1 });
 * console.log(parsed.operands, parsed.flags.has("json")); // ["a"] true
 * ```
 */
export function commandArgs(args: readonly string[], spec: CommandArgsSpec): CommandArgs {
  const parsed: CommandArgs = { help: false, operands: [], flags: new Set(), values: new Map() };
  const valued = spec.valued ?? [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") parsed.help = true;
    else if (arg === "--") parsed.operands.push(...args.slice(i + 1)), i = args.length;
    else if (arg.startsWith("-") && arg !== "-") {
      const [name, inline] = splitFlag(arg);
      if (spec.flags.includes(name) && inline === undefined) parsed.flags.add(name);
      else if (valued.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) {
          throw new ConfigError(`Option "--${name}" of "${spec.command}" needs a value`);
        }
        parsed.values.set(name, value);
      } else throw unknownFlag(arg, name, spec);
    } else parsed.operands.push(arg);
  }
  if (!parsed.help && parsed.operands.length > spec.operands) {
    throw new ConfigError(
      `"${spec.command}" takes ${spec.operands} folder${spec.operands === 1 ? "" : "s"}, not ` +
        `${parsed.operands.length}: ${parsed.operands.map((o) => JSON.stringify(o)).join(", ")}`,
    );
  }
  return parsed;
}

function splitFlag(arg: string): [string, string | undefined] {
  const at = arg.indexOf("=");
  const name = arg.replace(/^--?/, "");
  return at < 0 ? [name, undefined] : [arg.slice(0, at).replace(/^--?/, ""), arg.slice(at + 1)];
}

function unknownFlag(arg: string, name: string, spec: CommandArgsSpec): ConfigError {
  const known = [...spec.flags, ...(spec.valued ?? [])];
  const nearest = closestWord(name, known);
  return new ConfigError(
    `Unknown option "${arg}" of "${spec.command}"` +
      (nearest ? `; did you mean "--${nearest}"?` : "") + ` See "${spec.command} --help"`,
  );
}
