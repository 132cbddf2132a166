/**
 * Where the report's browser test finds a Chromium-family browser to drive: Debian's `chromium`
 * (which `.ci/run` installs) or Google Chrome (which GitHub's ubuntu runners ship); puppeteer-core
 * drives both alike.
 *
 * @module
 */

/** The variable that names the browser to drive; when it is set, nothing else is tried. */
export const BROWSER_VARIABLE = "LAB_MASKS_BROWSER";

/**
 * Where the browser is looked for when {@linkcode BROWSER_VARIABLE} is not set: the path in
 * `CHROME_BIN` (GitHub's ubuntu images set it to their Google Chrome), then Debian's and Ubuntu's
 * Chromium, then Google Chrome's own package.
 */
export const BROWSER_PATHS: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

/** How {@linkcode findBrowser} reads the machine; the defaults read this process's. */
export interface BrowserLookup {
  /** A variable of the environment. Default: `Deno.env.get`. */
  env?: (name: string) => string | undefined;
  /** Whether a path is a file, after following links. Default: `Deno.statSync`. */
  isFile?: (path: string) => boolean;
}

/**
 * The browser's executable: the path `LAB_MASKS_BROWSER` names, else the first file of `CHROME_BIN`
 * and {@linkcode BROWSER_PATHS}.
 *
 * @param lookup How to read the environment and the file system.
 * @returns The path, or undefined when no browser is found.
 * @throws {Error} when `LAB_MASKS_BROWSER` names something that is not a file.
 */
export function findBrowser(lookup: BrowserLookup = {}): string | undefined {
  const { env = (name) => Deno.env.get(name), isFile = isFileOnDisk } = lookup;
  const chosen = env(BROWSER_VARIABLE);
  if (chosen) {
    if (!isFile(chosen)) {
      throw new Error(
        `${BROWSER_VARIABLE} is ${JSON.stringify(chosen)}, which is not a file: set it to the ` +
          "executable of Chromium or Google Chrome",
      );
    }
    return chosen;
  }
  return [env("CHROME_BIN"), ...BROWSER_PATHS].find((path) => path && isFile(path));
}

function isFileOnDisk(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
