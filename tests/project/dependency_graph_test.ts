import assert from "../_std/assert.ts";
import denoJson from "../../deno.json" with { type: "json" };
import importMap from "../../import_map.json" with { type: "json" };
import { ROOT } from "../action/_composite.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { pathToFileURL } from "node:url";

/** Packages only the benchmarks (sharp and its libvips builds) and the kernels' build use. */
const HEAVY = /sharp|libvips|wabt/;

Deno.test("the root deno.json and deno.lock name no benchmark or build-tool package", async () => {
  assert.deepEqual(Object.values(importMap.imports).filter((value) => HEAVY.test(value)), []);
  const lock = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.lock`));
  const locked = [...Object.keys(lock.specifiers ?? {}), ...Object.keys(lock.npm ?? {})];
  assert.ok(locked.some((name) => name.startsWith("npm:puppeteer-core")), "the lock is read");
  assert.deepEqual(locked.filter((name) => HEAVY.test(name)), []);
});

Deno.test("the test task's import graph holds no sharp, libvips or wabt", async () => {
  await using dir = await tempDir();
  // Every entry point of the test task: the checked modules and every test file.
  const checked = denoJson.tasks.check.match(/deno check ([^&]+)/)![1].trim().split(" ");
  const tests = (await listFiles(`${ROOT}/tests`)).filter((file) => file.endsWith("_test.ts"));
  const entries = [...checked, ...tests.map((file) => `tests/${file}`)];
  const entry = `${dir.path}/entries.ts`;
  await Deno.writeTextFile(
    entry,
    entries.map((file) => `import ${JSON.stringify(pathToFileURL(`${ROOT}/${file}`).href)};\n`)
      .join(""),
  );
  const graph = await denoInfo(entry);
  const names = [
    ...graph.modules.map((module) => module.specifier),
    ...Object.keys(graph.npmPackages ?? {}),
  ];
  assert.ok(names.some((name) => name.endsWith("/tests/project/dependency_graph_test.ts")));
  assert.ok(names.some((name) => name.startsWith("puppeteer-core@")), "npm packages are listed");
  assert.deepEqual(names.filter((name) => HEAVY.test(name)), []);
});

Deno.test("deno task bench and deno task kernels bring their own packages", async () => {
  for (const [folder, task, needs] of [["bench", "bench", "sharp"], ["tools", "kernels", "wabt"]]) {
    const config = JSON.parse(await Deno.readTextFile(`${ROOT}/${folder}/deno.json`));
    assert.match(config.imports[needs], new RegExp(`^npm:${needs}@`));
    assert.equal(config.lock, "deno.lock", `${folder}/ keeps its own lock`);
    const command = denoJson.tasks[task as keyof typeof denoJson.tasks];
    assert.ok(command.includes(`--config ${folder}/deno.json`), command);
  }
});

/** The module specifiers of an entry's import graph, as `deno info --json` reads it. */
async function graphOf(entry: string): Promise<string[]> {
  return (await denoInfo(entry)).modules.map((module) => module.specifier);
}

/** An entry's import graph as `deno info --json` reads it: its modules and npm packages. */
async function denoInfo(
  entry: string,
): Promise<{ modules: { specifier: string }[]; npmPackages?: Record<string, unknown> }> {
  const info = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--config", `${ROOT}/deno.json`, entry],
    cwd: ROOT,
    stdin: "null",
  }).output();
  assert.equal(info.code, 0, new TextDecoder().decode(info.stderr));
  return JSON.parse(new TextDecoder().decode(info.stdout));
}

Deno.test("the demo and the command line download no npm package: their graph holds none, and deno.json declares none", async () => {
  // `deno task` installs every npm package deno.json's "imports" names before it runs a task,
  // used or not: the tests' and the Action's packages are in import_map.json instead, which
  // Deno resolves only when a module imports them.
  assert.ok(!("imports" in denoJson), "deno.json has no imports field");
  assert.equal(denoJson.importMap, "./import_map.json");
  assert.ok(denoJson.tasks.demo.includes(" cli.ts demo"), denoJson.tasks.demo);
  for (const entry of ["cli.ts", "mod.ts"]) {
    const modules = await graphOf(entry);
    assert.ok(modules.some((name) => name.endsWith("/testing/run_demo.ts")) || entry === "mod.ts");
    assert.deepEqual(modules.filter((name) => name.startsWith("npm:")), [], entry);
  }
  // The test that drives a browser does pull its packages in: the check can see them.
  const browser = await graphOf("tests/report/report_browser_test.ts");
  assert.ok(browser.some((name) => name.startsWith("npm:") && name.includes("puppeteer-core")));
});
