import { exitCodeOf, MasksError } from "../errors.ts";
import { flagName } from "./_flag_name.ts";
import { inertLine } from "../inert_text.ts";

/** Where {@linkcode reportError} writes, and how. */
export interface ReportErrorOptions {
  /** Writes to standard error. */
  stderr: (text: string) => void;
  /** Whether to colour the `error` label. */
  colour: boolean;
}

// Deno's words for a denied permission: `Requires net access to "127.0.0.1:8080", run again with
// the --allow-net flag`.
const DENIED = /^Requires (\w+) access to "([^"]*)"/;

/**
 * Prints the error that ended a run as one line on stderr and returns its exit code: our errors
 * as their message (2 for settings, 3 for the API), a permission Deno denied as the flag to add
 * (2), and anything else as an unexpected failure to report, with its stack (1).
 *
 * @param error What was thrown.
 * @param options Where to write.
 * @returns The exit code.
 *
 * @example
 * ```ts
 * import { reportError } from "./report_error.ts";
 *
 * let printed = "";
 * const denied = new Deno.errors.NotCapable(
 *   'Requires net access to "lab.example:443", run again with the --allow-net flag',
 * );
 * const code = reportError(denied, { stderr: (text) => printed += text, colour: false });
 * console.log(code, printed.includes("--allow-net=lab.example:443")); // 2 true
 * ```
 */
export function reportError(error: unknown, options: ReportErrorOptions): number {
  const label = options.colour ? "\x1b[31merror\x1b[0m" : "error";
  // Our message says what was being done, with Deno's words naming the flag.
  if (error instanceof MasksError) {
    // One line whatever the message holds: a server string in it cannot start another.
    options.stderr(`${label}: ${inertLine(error.render(flagName))}\n`);
    return deniedPermission(error) === undefined ? exitCodeOf(error) : 2;
  }
  const denied = deniedPermission(error);
  if (denied !== undefined) {
    options.stderr(`${label}: ${inertLine(denied)}\n`);
    return 2;
  }
  options.stderr(
    `${label}: unexpected failure; this is a bug in lab-masks: please report it as an issue ` +
      `of the lab-masks repository, with the command you ran and these lines:\n` +
      `${(error as Error)?.stack ?? error}\n`,
  );
  return 1;
}

/**
 * A permission Deno denied, found in `error` or its causes, as a sentence naming the flag to
 * add; `undefined` when the error is not one.
 *
 * @param error What was thrown.
 * @returns The sentence, or `undefined`.
 */
export function deniedPermission(error: unknown): string | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (!(cause instanceof Deno.errors.NotCapable)) continue;
    const [, kind, target] = DENIED.exec(cause.message) ?? [];
    if (kind === undefined) return `Deno denied a permission: ${cause.message}`;
    const what = `${kind} access to ${JSON.stringify(target)}`;
    if (kind === "all") {
      return `Deno allows ${what} only with --allow-all; choose another path, or add --allow-all`;
    }
    // A host is worth granting alone; paths and variables are more than one.
    const flag = kind === "net" ? `--allow-net=${target}` : `--allow-${kind}`;
    return `Deno was not given ${what}: run again with ${flag}`;
  }
  return undefined;
}
