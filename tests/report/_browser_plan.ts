/**
 * Whether the report's browser test runs, is skipped (and why, and how to get a browser), or must
 * fail: a fresh clone without Chromium passes the README's test command with that one test
 * skipped, while `.ci/run` sets {@linkcode REQUIRE_VARIABLE}, so CI can never pass without it.
 *
 * @module
 */
import { BROWSER_PATHS, BROWSER_VARIABLE, findBrowser } from "./_find_browser.ts";

/** Set to `1` (as `.ci/run` does) to make a missing browser a failure, never a skip. */
export const REQUIRE_VARIABLE = "LAB_MASKS_REQUIRE_BROWSER";
/** Set to `1` to skip the browser test on this machine. */
export const SKIP_VARIABLE = "LAB_MASKS_SKIP_BROWSER_TEST";

/** How to get a browser, or leave the test out. */
export const FIXES = "Install Debian's package (apt-get install -y chromium; .ci/run does), set " +
  `${BROWSER_VARIABLE} to a Chromium or Google Chrome, or set ${SKIP_VARIABLE}=1 to skip this ` +
  "test on this machine";

/** What the browser test does on this machine. */
export type BrowserPlan =
  | { run: true; browser: string }
  | { run: true; browser?: undefined; failure: string }
  | { run: false; reason: string };

/** What {@linkcode browserPlan} reads; each default reads this process's machine. */
export interface BrowserPlanLookup {
  /** A variable of the environment. */
  env: (name: string) => string | undefined;
  /** Whether a path is a file, after following links. */
  isFile?: (path: string) => boolean;
  /** The operating system, as `Deno.build.os`. */
  os: string;
}

/**
 * Decides whether the browser test runs: with a browser it runs; without one it is skipped, with
 * the reason and the fixes, unless {@linkcode REQUIRE_VARIABLE} is `1`: then it runs and fails,
 * saying why. It drives a Linux browser: other systems skip it, unless required.
 */
export function browserPlan(lookup: BrowserPlanLookup): BrowserPlan {
  const required = lookup.env(REQUIRE_VARIABLE) === "1";
  if (!required && lookup.env(SKIP_VARIABLE) === "1") {
    return { run: false, reason: `${SKIP_VARIABLE}=1 skips it on this machine` };
  }
  if (!required && lookup.os !== "linux") {
    return { run: false, reason: `it drives a Linux browser; this is ${lookup.os}` };
  }
  let browser: string | undefined;
  try {
    browser = findBrowser(lookup);
  } catch (error) {
    // A browser named on purpose but missing is a mistake to fix, never a reason to skip.
    return { run: true, failure: `${error instanceof Error ? error.message : error}. ${FIXES}` };
  }
  if (browser !== undefined) return { run: true, browser };
  const missing = `no Chromium-family browser was found (${BROWSER_VARIABLE} and CHROME_BIN name ` +
    `none, and none of ${BROWSER_PATHS.join(", ")} exists)`;
  if (required) {
    return {
      run: true,
      failure: `${REQUIRE_VARIABLE}=1 requires the browser test, but ${missing}. ${FIXES}`,
    };
  }
  return { run: false, reason: `${missing}. ${FIXES}` };
}
