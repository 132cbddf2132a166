import { shellQuote } from "./resume_command.ts";

/** What {@linkcode programWords} reads of the running program; the edge passes the real values. */
export interface ProgramLookup {
  /** `Deno.mainModule`: the entry's URL, `file:` for a clone, `jsr:`/`https:` otherwise. */
  mainModule: string;
  /** `Deno.execPath()`: the Deno running the program (under npm's cache when `npx` started it). */
  execPath: string;
  /** `Deno.version.deno`, for the `npx -y deno@<version>` that starts the same Deno again. */
  denoVersion: string;
  /** The working folder, so an entry inside it is named by its relative path (`cli.ts`). */
  cwd: string;
  /** The `PATH` variable, where an installed `lab-masks` would be; `undefined` when unknown. */
  path?: string;
  /** Reads a small text file; `undefined` when it cannot (missing, or no permission). */
  readTextFile: (path: string) => string | undefined;
  /** The system's path separator in `PATH`: `:`, or `;` on Windows. @default {":"} */
  pathDelimiter?: string;
}

/** The installed command's name (`deno install -g -n lab-masks`). */
const INSTALLED_NAME = "lab-masks";

/**
 * The words that start this program the way it was started, for the commands it prints (the
 * demo's closing hint, `export --help`'s examples, the resume command): `lab-masks` when the
 * `lab-masks` command on the `PATH` runs this very entry, else `deno run -A <entry>`, with
 * `npx -y deno@<version>` for `deno` when npx started the Deno that runs it.
 *
 * @param lookup The running program, as the edge sees it.
 * @returns The words, e.g. `lab-masks` or `npx -y deno@2.9.6 run -A cli.ts`.
 *
 * @example
 * ```ts
 * import { programWords } from "./program_words.ts";
 *
 * console.log(programWords({
 *   mainModule: "file:///home/ana/lab-masks/cli.ts",
 *   execPath: "/home/ana/.npm/_npx/5f2a/node_modules/deno/deno",
 *   denoVersion: "2.9.6",
 *   cwd: "/home/ana/lab-masks",
 *   readTextFile: () => undefined,
 * })); // "npx -y deno@2.9.6 run -A cli.ts"
 * ```
 */
export function programWords(lookup: ProgramLookup): string {
  if (installedHere(lookup)) return INSTALLED_NAME;
  const deno = /[\\/]_npx[\\/]/.test(lookup.execPath)
    ? `npx -y deno@${lookup.denoVersion}`
    : "deno";
  return `${deno} run -A ${shellQuote(entryOf(lookup))}`;
}

/** Whether a `lab-masks` script on the `PATH` starts this entry (`deno install` writes one). */
function installedHere(lookup: ProgramLookup): boolean {
  const folders = (lookup.path ?? "").split(lookup.pathDelimiter ?? ":").filter((f) => f !== "");
  return folders.some((folder) =>
    [INSTALLED_NAME, `${INSTALLED_NAME}.cmd`].some((name) =>
      lookup.readTextFile(`${folder}/${name}`)?.includes(lookup.mainModule) ?? false
    )
  );
}

/** The entry as a user types it: a path relative to the working folder when inside it. */
function entryOf(lookup: ProgramLookup): string {
  if (!lookup.mainModule.startsWith("file:")) return lookup.mainModule;
  let path = decodeURIComponent(new URL(lookup.mainModule).pathname);
  // `file:///C:/x` is `C:/x` on Windows.
  if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1);
  const cwd = lookup.cwd.replaceAll("\\", "/").replace(/\/?$/, "/");
  return path.startsWith(cwd) ? path.slice(cwd.length) : path;
}
