import assert from "../_std/assert.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runCli as runCliHere } from "../_fixtures/run_cli.ts";
import { envFor, runCli } from "./_fixtures.ts";

const PROJECTS = [
  segmentationProject("p1", [maskTask("t1", "a.jpg")]),
  segmentationProject("p-private", []),
];
const STACK_LINE = /^\s+at /m;

/** Runs `export --project-id <projectId>` against a fake lab; `env` overrides its variables. */
async function exportWith(projectId: string, env: Record<string, string> = {}) {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: PROJECTS, forbiddenProjects: ["p-private"] });
  const ran = await runCli(["export", "--project-id", projectId], {
    env: { ...envFor(lab), ...env },
    cwd: dir.path,
  });
  assert.doesNotMatch(ran.stderr, STACK_LINE, "no stack trace for a user error");
  assert.deepEqual(lab.findSecrets(ran.stdout + ran.stderr), []);
  return { ...ran, lab };
}

Deno.test("lab-masks export says the credentials were rejected, naming both variables (exit 3)", async () => {
  const ran = await exportWith("p1", { ISAHIT_LAB_API_SECRET_KEY: "not-the-secret-key-8f2c" });
  assert.equal(ran.code, 3);
  assert.match(
    ran.stderr,
    /^error: Lab credentials rejected \(401 [^)]*\): check ISAHIT_LAB_API_ACCESS_ID and ISAHIT_LAB_API_SECRET_KEY\./m,
  );
  assert.doesNotMatch(ran.stderr, /not-the-secret-key-8f2c/);
  assert.equal(ran.lab.requests.length, 1, "a refused login is not retried");
});

Deno.test("lab-masks export says which project it has no access to (exit 3)", async () => {
  const ran = await exportWith("p-private");
  assert.equal(ran.code, 3);
  assert.match(ran.stderr, /^error: No access to project "p-private" \(403 /m);
});

Deno.test("lab-masks export names an unknown project id (exit 3)", async () => {
  const ran = await exportWith("p-typo");
  assert.equal(ran.code, 3);
  assert.match(ran.stderr, /^error: Unknown project "p-typo" \(404 [^)]*\): check the project id/m);
});

Deno.test("lab-masks export names the URL of a lab it cannot reach (exit 3)", async () => {
  await using dir = await tempDir();
  // A loopback port that was just closed: nothing listens there.
  const closed = await startFakeLab({ projects: PROJECTS });
  await closed.close();
  // In this process, with a 1 ms backoff: the retries do not wait out the real delays.
  const ran = await runCliHere(
    ["export", "--project-id", "p1", "--output-folder", dir.path],
    { ...envFor(closed), ISAHIT_LAB_API_SECRET_KEY: "a-long-enough-secret-key" },
    { retryDelayMs: 1 },
  );
  assert.equal(ran.code, 3);
  assert.ok(
    ran.stderr.trimEnd().split("\n").at(-1)!.startsWith(
      `error: Cannot reach the lab at ${closed.url}api/user-manager/auth/login`,
    ),
    ran.stderr,
  );
  assert.match(ran.stderr, /Check ISAHIT_LAB_API_ENDPOINT and the network\.$/m);
  assert.doesNotMatch(ran.stderr, STACK_LINE);
  assert.doesNotMatch(ran.stderr, /a-long-enough-secret-key/);
});

Deno.test("lab-masks export stops at usage and configuration errors with exit 2, no stack", async () => {
  for (const args of [["--project-id"], ["--project-id", "p1", "--concurrency", "many"], []]) {
    await using dir = await tempDir();
    const ran = await runCli(["export", ...args], { cwd: dir.path, env: {} });
    assert.equal(ran.code, 2, `${args.join(" ")}: ${ran.stderr}`);
    assert.match(ran.stderr, /^error: /);
    assert.doesNotMatch(ran.stderr, STACK_LINE);
  }
});

Deno.test("the exit codes are documented in --help and in docs/command-line.md", async () => {
  const readme = await Deno.readTextFile(new URL("../../docs/command-line.md", import.meta.url));
  for (const args of [["--help"], ["export", "--help"]]) {
    await using dir = await tempDir();
    const help = (await runCli(args, { cwd: dir.path })).stdout;
    for (
      const [code, words] of [
        [0, /every task/],
        [1, /some tasks failed/],
        [2, /usage/],
        [3, /API error/],
        [130, /interrupted/],
        [143, /stopped by SIGTERM/],
      ] as const
    ) {
      assert.match(
        help,
        new RegExp(`^  ${code} +${words.source}`, "m"),
        `${args.join(" ")}: ${code}`,
      );
      assert.match(
        readme,
        new RegExp(`^\\| ${code} +\\| ${words.source}`, "mi"),
        `docs/command-line.md: ${code}`,
      );
    }
  }
});

Deno.test({
  name: "lab-masks export refuses an --output-folder that is a file in one line, exit 2",
  async fn() {
    await using dir = await tempDir();
    await Deno.writeTextFile(`${dir.path}/a-file`, "");
    await using lab = await startFakeLab({ projects: PROJECTS });
    const ran = await runCli(["export", "--project-id", "p1", "--output-folder", "a-file"], {
      env: envFor(lab),
      cwd: dir.path,
    });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /^error: .*--output-folder/m);
    assert.doesNotMatch(ran.stderr, STACK_LINE);
  },
});
