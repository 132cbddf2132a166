/**
 * The Action registers the secret key with the runner (`::add-mask::`) before it prints anything
 * else, whichever input is read next and fails. Runs `action/main.ts` from its source, so what
 * is tested is the code, not the last bundle.
 *
 * @module
 */
import { fromFileUrl } from "../../lib/_std/path.ts";
import assert from "../_std/assert.ts";
import { outputWithin } from "../_fixtures/deadline.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { loadAction } from "./_composite.ts";

const MAIN = fromFileUrl(new URL("../../action/main.ts", import.meta.url));
const SECRET = "s3cret-key-7d1f";

/** Runs the Action's entry with action.yml's defaults under `inputs`, as the runner sets them. */
async function runMain(inputs: Record<string, string>, folder: string): Promise<string[]> {
  const env: Record<string, string> = {
    GITHUB_OUTPUT: `${folder}/output`,
    GITHUB_STEP_SUMMARY: `${folder}/summary`,
  };
  for (const [name, input] of Object.entries((await loadAction()).inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? input.default ?? "";
  }
  await Deno.writeTextFile(env.GITHUB_OUTPUT, "");
  await Deno.writeTextFile(env.GITHUB_STEP_SUMMARY, "");
  const output = await outputWithin(
    Deno.execPath(),
    {
      args: [
        "run",
        "--allow-env",
        "--allow-read",
        `--allow-write=${folder}`,
        "--allow-net=127.0.0.1",
        "--allow-sys=uid,gid",
        MAIN,
      ],
      env,
      cwd: folder,
      stdout: "piped",
      stderr: "piped",
    },
    60_000,
    "the Action's entry",
  );
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 1, text);
  return new TextDecoder().decode(output.stdout).split("\n");
}

const BASE = {
  "access-id": "id-1",
  "secret-key": SECRET,
  endpoint: "http://127.0.0.1:9/",
  "project-id": "p1",
};

// Each input, set to the secret, fails; its error would carry the secret: the runner hides it
// only in lines printed after `::add-mask::`.
for (const input of ["upload", "dry-run", "retention-days", "ignore-index", "fail-on-error"]) {
  Deno.test(`the Action masks the secret key before the line that refuses a later input (${input})`, async () => {
    await using dir = await tempDir();
    const lines = await runMain({ ...BASE, [input]: SECRET }, dir.path);
    assert.equal(lines[0], `::add-mask::${SECRET}`, lines.join("\n"));
    const carrying = lines.findIndex((line, i) => i > 0 && line.includes(SECRET));
    assert.ok(
      carrying > 0,
      `the refusal quotes the value, so the test sees where it is:\n${lines.join("\n")}`,
    );
    assert.match(lines[carrying], new RegExp(`^::error::.*"${input}"`));
  });
}
