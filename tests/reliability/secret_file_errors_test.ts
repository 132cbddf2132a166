import assert from "../_std/assert.ts";
import { readJsonFile } from "../../lib/api/json_array_stream.ts";
import { ConfigError } from "../../lib/errors.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runCli } from "./_fixtures.ts";

const SECRET = "ghp_SuperSecretToken0123456789";

Deno.test("a secret-looking file named as a mapping or a class map: the place it breaks, never its text (exit 2)", async (t) => {
  const cases: [string, string[], RegExp][] = [
    [
      "--semantic-mapping",
      ["--semantic-mapping", "creds.txt", "--verbose"],
      /is not valid JSON \(in "creds\.txt"\): it stops being JSON at line 1, column 1/,
    ],
    [
      "--labelmap-from",
      ["--mask-format", "class-index", "--labelmap-from", "creds.txt"],
      /creds\.txt" cannot be used: it is not JSON: it stops being JSON at line 1, column 1;/,
    ],
  ];
  for (const [flag, args, reason] of cases) {
    await t.step(flag, async () => {
      await using dir = await tempDir();
      await Deno.writeTextFile(`${dir.path}/creds.txt`, `${SECRET}\nline two\n`);
      const ran = await runCli(["export", "--project-id", "p1", ...args], {
        env: {
          ISAHIT_LAB_API_ACCESS_ID: "id-1",
          ISAHIT_LAB_API_SECRET_KEY: "secret-1",
          ISAHIT_LAB_API_ENDPOINT: "http://127.0.0.1:9/",
        },
        cwd: dir.path,
      });
      const output = `${ran.stdout}\n${ran.stderr}`;
      assert.equal(ran.code, 2, output);
      assert.match(output, reason);
      for (const part of [SECRET, SECRET.slice(0, 6), "line two"]) {
        assert.equal(output.includes(part), false, `${part} shown: ${output}`);
      }
    });
  }
});

Deno.test("readJsonFile() names the line and column where a file breaks, and keeps no runtime error with its text", async () => {
  await using dir = await tempDir();
  const path = `${dir.path}/config.json`;
  await Deno.writeTextFile(path, `{"projectId": "p1",\n "token": ${SECRET}}`);
  const error = await readJsonFile(path, "configFile").then(() => undefined, (error) => error);
  assert.ok(error instanceof ConfigError, String(error));
  assert.match(error.message, /is not valid JSON: it stops being JSON at line 2, column 11; fix/);
  assert.equal(`${error.message} ${Deno.inspect(error)}`.includes("ghp_"), false);
});
