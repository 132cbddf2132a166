import assert from "../_std/assert.ts";
import { folderOf, importsOf, resolveImport, tsFiles } from "./_import_graph.ts";

/**
 * A file whose name starts with `_` is private to its folder: only files of that folder, or of
 * the folders inside it, import it (`lib/_setting_message.ts` serves all of `lib/`). What another
 * folder needs becomes a public, documented file. Tests and benchmarks may reach into the
 * folder they exercise.
 */
function isPrivateTo(importer: string, target: string): boolean {
  const name = target.slice(target.lastIndexOf("/") + 1);
  if (!name.startsWith("_")) return false;
  const home = folderOf(target);
  const folder = folderOf(importer);
  return folder !== home && !folder.startsWith(`${home}/`);
}

Deno.test("no _ file of lib/, action/ or testing/ is imported from another folder", async () => {
  const files = [
    "mod.ts",
    "cli.ts",
    ...await tsFiles("lib"),
    ...await tsFiles("action").then((all) =>
      all.filter((file) => !file.startsWith("action/dist/"))
    ),
    ...await tsFiles("testing"),
  ];
  const crossings = (await importsOf(files))
    .filter(({ from, to }) => isPrivateTo(from, to))
    .map(({ from, to }) => `${from} imports ${to}`);
  assert.deepEqual(crossings, [], "make what another folder needs a public, documented file");
});

Deno.test("the rule tells a folder's own and its subfolders' imports from another folder's", () => {
  assert.equal(isPrivateTo("lib/png/fast_rgb.ts", "lib/png/_fast_rows.ts"), false);
  assert.equal(isPrivateTo("lib/api/lab_client.ts", "lib/_setting_message.ts"), false);
  assert.equal(isPrivateTo("lib/export/_mask_job.ts", "lib/png/_fast_rows.ts"), true);
  assert.equal(isPrivateTo("cli.ts", "testing/_serve_demo_lab.ts"), true);
  assert.equal(isPrivateTo("lib/export/_mask_job.ts", "lib/png/mask_rows.ts"), false);
  assert.equal(resolveImport("lib/export/a.ts", "../png/_b.ts"), "lib/png/_b.ts");
});
