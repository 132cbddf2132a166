import assert from "../_std/assert.ts";
import denoJson from "../../deno.json" with { type: "json" };
import { tempDir } from "../_fixtures/temp_dir.ts";
import { ROOT } from "./_composite.ts";

const BUNDLE = "action/dist/main.js";

Deno.test("action/dist/main.js is the bundle of the current sources", async () => {
  await using dir = await tempDir();
  // The `bundle` task itself, writing elsewhere, so this check can never drift from it.
  const [deno, ...args] = denoJson.tasks.bundle.split(" ");
  assert.equal(deno, "deno");
  assert.ok(args.includes(BUNDLE), `the bundle task writes ${BUNDLE}`);
  const fresh = `${dir.path}/main.js`;
  const built = await new Deno.Command(Deno.execPath(), {
    args: args.map((arg) => arg === BUNDLE ? fresh : arg),
    cwd: ROOT,
    stdin: "null",
  }).output();
  assert.equal(built.code, 0, new TextDecoder().decode(built.stderr));
  const committed = await Deno.readTextFile(`${ROOT}/${BUNDLE}`).catch(() => "");
  assert.ok(
    (await Deno.readTextFile(fresh)) === committed,
    `${BUNDLE} is stale: run \`deno task bundle\` and commit the result`,
  );
});
