import assert from "../_std/assert.ts";
import { errorWith } from "../_std/error_with.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { findBrowser } from "./_find_browser.ts";

/** A machine with these variables and these files. */
function machine(variables: Record<string, string>, files: string[]) {
  return { env: (name: string) => variables[name], isFile: (path: string) => files.includes(path) };
}

Deno.test("findBrowser() takes LAB_MASKS_BROWSER first, then CHROME_BIN, then Chromium", () => {
  const files = ["/opt/mine/chrome", "/usr/bin/google-chrome", "/usr/bin/chromium"];
  const chosen = { LAB_MASKS_BROWSER: "/opt/mine/chrome", CHROME_BIN: "/usr/bin/google-chrome" };
  assert.equal(findBrowser(machine(chosen, files)), "/opt/mine/chrome");
  assert.equal(
    findBrowser(machine({ CHROME_BIN: "/usr/bin/google-chrome" }, files)),
    "/usr/bin/google-chrome",
  );
  assert.equal(findBrowser(machine({}, files)), "/usr/bin/chromium");
  assert.equal(findBrowser(machine({ LAB_MASKS_BROWSER: "" }, files)), "/usr/bin/chromium");
});

Deno.test("findBrowser() finds Google Chrome where GitHub's ubuntu runners have it", () => {
  const chrome = ["/usr/bin/google-chrome"];
  assert.equal(findBrowser(machine({}, chrome)), "/usr/bin/google-chrome");
  assert.equal(
    findBrowser(machine({}, ["/usr/bin/google-chrome-stable"])),
    "/usr/bin/google-chrome-stable",
  );
  // A CHROME_BIN that names no file is another tool's setting: the usual paths are tried.
  assert.equal(
    findBrowser(machine({ CHROME_BIN: "/gone/chrome" }, chrome)),
    "/usr/bin/google-chrome",
  );
  assert.equal(findBrowser(machine({ CHROME_BIN: "/gone/chrome" }, [])), undefined);
});

Deno.test("findBrowser() refuses a LAB_MASKS_BROWSER that names no file, on the real disk", async () => {
  await using dir = await tempDir();
  const browser = `${dir.path}/chrome`;
  await Deno.writeTextFile(browser, "#!/bin/sh\n");
  const env = (name: string) => name === "LAB_MASKS_BROWSER" ? browser : undefined;
  assert.equal(findBrowser({ env }), browser);
  const missing = (name: string) => name === "LAB_MASKS_BROWSER" ? `${dir.path}/none` : undefined;
  assert.throws(
    () => findBrowser({ env: missing }),
    errorWith(Error, `LAB_MASKS_BROWSER is "${dir.path}/none", which is not a file`),
  );
  const folder = (name: string) => name === "LAB_MASKS_BROWSER" ? dir.path : undefined;
  assert.throws(() => findBrowser({ env: folder }), errorWith(Error, "which is not a file"));
});
