/**
 * CI's step that gives the report's browser test a browser on ubuntu runners, run by bash as the
 * runner runs it, against a runner whose Google Chrome is a stand-in script.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { parse } from "yaml";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { ROOT, runStep } from "../action/_composite.ts";
import { findBrowser } from "../report/_find_browser.ts";
import type { Workflow, WorkflowStep } from "./_workflows.ts";

// `test`: `Deno.test`, ignored on Windows: the step runs on Linux runners only, and its
// stand-in browser is a shell script.
const test = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

const VERSION = "Google Chrome 131.0.6778.85";

/** CI's test job's steps, and the one that hands the browser test its browser. */
async function ciSteps(): Promise<{ steps: WorkflowStep[]; browser: WorkflowStep }> {
  const text = await Deno.readTextFile(`${ROOT}/.github/workflows/ci.yml`);
  const steps = (parse(text) as Workflow).jobs.test.steps;
  const browser = steps.find((step) => step.run?.includes("LAB_MASKS_BROWSER="));
  assert.ok(browser, "a step of ci.yml sets LAB_MASKS_BROWSER");
  return { steps, browser };
}

/**
 * Runs the browser step on a runner whose only commands are bash and the given stand-in
 * browsers (an executable script each, printing a version), with `CHROME_BIN` when given.
 * Nothing else is on the `PATH`: a real Chrome of the machine running the test is not found.
 */
async function runBrowserStep(
  folder: string,
  options: { onPath?: string; chromeBin?: string },
): Promise<{ code: number; output: string; variables: Record<string, string> }> {
  const bin = `${folder}/bin`;
  await Deno.mkdir(bin, { recursive: true });
  await Deno.symlink("/bin/bash", `${bin}/bash`);
  for (const path of [options.onPath, options.chromeBin]) {
    if (path === undefined) continue;
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(path, `#!/bin/sh\necho "${VERSION}"\n`, { mode: 0o755 });
  }
  const githubEnv = `${folder}/github_env`;
  await Deno.writeTextFile(githubEnv, "");
  const env: Record<string, string> = { PATH: bin, GITHUB_ENV: githubEnv };
  if (options.chromeBin !== undefined) env.CHROME_BIN = options.chromeBin;
  const { browser } = await ciSteps();
  const ran = await runStep(browser, { cwd: folder, env, contexts: {} });
  const variables = Object.fromEntries(
    (await Deno.readTextFile(githubEnv)).split("\n").filter((line) => line !== "")
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  return { code: ran.code, output: ran.stdout + ran.stderr, variables };
}

Deno.test("CI gives the report's browser test a browser on ubuntu, before the tests run", async () => {
  const { steps, browser } = await ciSteps();
  assert.equal(browser.if, "runner.os == 'Linux'");
  assert.equal(browser.shell, "bash");
  const tests = steps.findIndex((step) => step.run === "deno task test");
  assert.ok(steps.indexOf(browser) < tests, "the browser is found before `deno task test`");
});

test("CI's browser step hands over the Chrome that CHROME_BIN names, as GitHub's images set it", async () => {
  await using dir = await tempDir();
  const chromeBin = `${dir.path}/usr/bin/google-chrome`;
  const ran = await runBrowserStep(dir.path, { chromeBin, onPath: `${dir.path}/bin/chromium` });
  assert.equal(ran.code, 0, ran.output);
  assert.match(ran.output, new RegExp(`^${VERSION}$`, "m"));
  assert.deepEqual(ran.variables, { LAB_MASKS_BROWSER: chromeBin });
  // The browser test's lookup takes exactly that browser.
  assert.equal(findBrowser({ env: (name) => ran.variables[name] }), chromeBin);
});

test("CI's browser step finds google-chrome on the PATH when CHROME_BIN is not set", async () => {
  await using dir = await tempDir();
  const ran = await runBrowserStep(dir.path, { onPath: `${dir.path}/bin/google-chrome` });
  assert.equal(ran.code, 0, ran.output);
  assert.deepEqual(ran.variables, { LAB_MASKS_BROWSER: `${dir.path}/bin/google-chrome` });
});

test("CI's browser step fails with an error annotation on a runner without Chrome", async () => {
  await using dir = await tempDir();
  const ran = await runBrowserStep(dir.path, {});
  assert.equal(ran.code, 1, ran.output);
  assert.match(
    ran.output,
    /^::error::No Google Chrome on this runner \(CHROME_BIN is "", none on PATH\): the report's browser test needs one$/m,
  );
  assert.deepEqual(ran.variables, {});
});
