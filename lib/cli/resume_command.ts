import { basename, dirname } from "../_std/path.ts";

// Flags the resume command sets itself, with whether each takes a value.
const REPLACED = new Map([
  ["--resume", false],
  ["--overwrite", false],
  ["--output-folder", true],
  ["-o", true],
  ["--output-filename", true],
]);

/**
 * The command that finishes an interrupted export: the same `export` arguments, with `--resume`
 * and the export folder's `--output-folder` and `--output-filename` in place of those given (and of
 * `--overwrite`), each word quoted for a POSIX shell. An interrupted `--incremental` export is
 * finished by running it again, so its command is unchanged.
 *
 * @param program The words that start the program, e.g. `deno run -A jsr:@lab/masks`.
 * @param args The arguments after `export`, as given.
 * @param folder The absolute export folder.
 * @returns The command line.
 *
 * @example
 * ```ts
 * import { resumeCommand } from "./resume_command.ts";
 *
 * const command = resumeCommand("lab-masks", ["--project-id", "p1"], "/data/my masks");
 * console.log(command);
 * // lab-masks export --project-id p1 --resume --output-folder /data --output-filename 'my masks'
 * ```
 */
export function resumeCommand(program: string, args: readonly string[], folder: string): string {
  const kept: string[] = [];
  const incremental = args.some((arg) =>
    arg === "--incremental" || arg.startsWith("--incremental=")
  );
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (incremental) {
      kept.push(arg);
      continue;
    }
    const name = arg.startsWith("--") ? arg.split("=")[0] : arg.slice(0, 2);
    const takesValue = REPLACED.get(name);
    if (takesValue === undefined) {
      kept.push(arg);
      continue;
    }
    // `--output-folder x` and `-o x` take the next word; `--output-folder=x` and `-ox` do not.
    if (takesValue && arg === name) i++;
  }
  const words = incremental ? kept : [
    ...kept,
    "--resume",
    "--output-folder",
    dirname(folder),
    "--output-filename",
    basename(folder),
  ];
  return [program, "export", ...words.map(shellQuote)].join(" ");
}

/**
 * A word as a POSIX shell reads it back unchanged: bare when it holds only safe characters, else
 * in single quotes (a `'` inside becomes `'\''`).
 *
 * @param word The word.
 * @returns The quoted word.
 *
 * @example
 * ```ts
 * import { shellQuote } from "./resume_command.ts";
 *
 * console.log(shellQuote("it's")); // 'it'\''s'
 * ```
 */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
