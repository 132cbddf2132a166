import assert from "../_std/assert.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";
import { outputWithin } from "../_fixtures/deadline.ts";
import type { ActionInputs } from "../../action/inputs.ts";
import { emptySummary } from "../../lib/model/empty_summary.ts";
import type { ExportSummary } from "../../lib/model/export_summary.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

const INPUTS: ActionInputs = {
  accessId: "id",
  secretKey: "secret",
  endpoint: "https://hub-api.isahit.com/",
  allowInsecureHttp: false,
  settings: { projectId: "p1" },
  artifactName: "lab-masks",
  upload: false,
  failOnError: true,
};

/** Every element's name in the order it opens and closes: the summary's HTML must balance. */
function unclosed(html: string): string[] {
  const open: string[] = [];
  const wrong: string[] = [];
  for (const [, slash, name] of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)) {
    if (name === "br" || name === "hr" || name === "img") continue;
    if (!slash) open.push(name);
    else if (open.pop() !== name) wrong.push(`</${name}>`);
  }
  return [...wrong, ...open.map((name) => `<${name}>`)];
}

Deno.test("the job summary's tables close every cell, the Labels table's header too", async () => {
  await using dir = await tempDir();
  const file = `${dir.path}/summary.md`;
  await Deno.writeTextFile(file, "");
  const summary: ExportSummary = {
    ...emptySummary("p1", "/out", "rgb", false),
    folderCreated: true,
    total: 2,
    exported: 2,
    labels: [
      { id: "car", name: "Car", tasks: 2, instances: 3, pixelShare: 0.5 },
      { id: "road", name: "Road", tasks: 0, instances: 0, pixelShare: 0 },
    ],
  } as ExportSummary;
  const script = fromFileUrl(new URL("./_write_job_summary.ts", import.meta.url));
  const permissions = ["--allow-read", "--allow-write", "--allow-env", "--allow-sys"];
  const written = await outputWithin(
    Deno.execPath(),
    {
      args: ["run", ...permissions, script, JSON.stringify(summary), JSON.stringify(INPUTS)],
      env: { GITHUB_STEP_SUMMARY: file, NO_COLOR: "1" },
      stdin: "null",
    },
    120_000,
    "the job summary's writer",
  );
  assert.strictEqual(written.code, 0, new TextDecoder().decode(written.stderr));
  const html = await Deno.readTextFile(file);
  assert.ok(html.includes("<h3>Labels</h3>"), html);
  assert.ok(html.includes("<th>Tasks</th><th>&nbsp;</th><th>Instances</th>"), html);
  assert.deepStrictEqual(unclosed(html), []);
});
