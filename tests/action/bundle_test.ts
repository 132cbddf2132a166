import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import denoJson from "../../deno.json" with { type: "json" };
import { classTable } from "../../lib/detect/class_table.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { pathToFileURL } from "node:url";
import { ROOT } from "./_composite.ts";

const DIST = "action/dist/";

Deno.test("action/dist/ holds the bundles of the current sources", async () => {
  await using dir = await tempDir();
  // The `bundle` task itself, writing elsewhere, so this check can never drift from it.
  const commands = denoJson.tasks.bundle.split(" && ").map((command) => command.split(" "));
  const outputs = commands.flatMap((args) => args.filter((arg) => arg.startsWith(DIST)));
  assert.deepEqual(outputs, [`${DIST}main.js`, `${DIST}convert_worker.js`]);
  for (const [deno, ...args] of commands) {
    assert.equal(deno, "deno");
    const built = await new Deno.Command(Deno.execPath(), {
      args: args.map((arg) => arg.startsWith(DIST) ? `${dir.path}/${arg.slice(DIST.length)}` : arg),
      cwd: ROOT,
      stdin: "null",
    }).output();
    assert.equal(built.code, 0, new TextDecoder().decode(built.stderr));
  }
  for (const output of outputs) {
    const committed = await Deno.readTextFile(`${ROOT}/${output}`).catch(() => "");
    assert.ok(
      (await Deno.readTextFile(`${dir.path}/${output.slice(DIST.length)}`)) === committed,
      `${output} is stale: run \`deno task bundle\` and commit the result`,
    );
  }
});

Deno.test("the Action's bundled worker converts masks on a worker thread", async () => {
  using pool = new ConvertPool({
    size: 1,
    workerUrl: pathToFileURL(`${ROOT}/${DIST}convert_worker.js`),
  });
  const data = new Uint8Array([5, 5, 1, 0, 0, 0]);
  const rendered = await pool.render({
    mask: { kind: "png", bytes: writeMaskPng({ width: 2, height: 1, data }, { colourType: 6 }) },
    file: "a.png",
    format: "rgb",
    table: classTable([{ id: "car", bChannel: 1 }]),
  });
  assert.equal(pool.inThread, false, "the worker module loaded; nothing fell back to this thread");
  assertSameData((await decodePng(rendered.files[0].bytes)).data, data);
  assert.deepEqual(rendered.stats.labels, ["car"]);
});
