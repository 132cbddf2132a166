import assert from "../_std/assert.ts";
import { segmentationConfiguration } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runCli } from "./_fixtures.ts";
import { hostileEnv, json, labBasics, serveHostile } from "./_hostile_server.ts";

// The project's configuration comes from the lab too: its strings are as hostile as a task's.
const TYPES: [unknown, string][] = [
  ["x\n::warning::pwned\u202e", 'its type is "x\\n::warning::pwned\\u202e"'],
  [undefined, "it has no type"],
  [{ a: 1 }, 'its type is {"a":1}'],
];

Deno.test("a configuration's project type cannot inject a workflow command or an escape into the error line, and a missing one is said to be missing", async () => {
  await using dir = await tempDir();
  for (const [projectType, said] of TYPES) {
    const configuration = { ...segmentationConfiguration("p1"), projectType };
    await using lab = serveHostile((_request, path) =>
      path.endsWith("/project-configuration") ? json(configuration) : labBasics(path) ?? json({})
    );
    for (const format of [[], ["--format", "yolo"]]) {
      const ran = await runCli(["export", "--project-id", "p1", ...format], {
        env: hostileEnv(lab),
        cwd: dir.path,
      });
      assert.equal(ran.code, 2, ran.stderr);
      assert.equal(ran.stderr.split("\n").length, 2, `one line: ${ran.stderr}`);
      assert.doesNotMatch(ran.stderr, /^\s*::/m, "no line starts a workflow command");
      assert.equal(ran.stderr.includes("\u202e"), false, "no bidirectional override printed");
      assert.ok(ran.stderr.includes(`Cannot export project "p1"`), ran.stderr);
      assert.ok(ran.stderr.includes(said), ran.stderr);
      assert.doesNotMatch(ran.stderr, /undefined|\[object /);
    }
  }
});
