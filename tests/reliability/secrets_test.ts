import assert from "../_std/assert.ts";
import { type FakeLab, type FakeLabOptions, startFakeLab } from "../../testing/fake_lab.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { clientFor, envFor, exportFrom, readTree, runCli, variedMaskTasks } from "./_fixtures.ts";

const SECRET = "s3cr3t-key-7d1f0a9e4b2c";
const TASKS = [
  ...variedMaskTasks(30),
  maskTask("dup", "scene/0.jpg", variedMaskTasks(1)[0].data!.body!.mask),
  maskTask("bad", "bad.jpg", "data:image/png;base64,AAAA"),
];
const LAB: FakeLabOptions = {
  projects: [segmentationProject("p1", TASKS), segmentationProject("p-private", [])],
  forbiddenProjects: ["p-private"],
  secretKey: SECRET,
};

/** The secret key and tokens found in every output of a run: stdout, stderr and every file. */
async function secretsIn(lab: FakeLab, folder: string, printed: string): Promise<string[]> {
  const texts = [printed];
  try {
    const decoder = new TextDecoder("latin1");
    for (const bytes of (await readTree(folder)).values()) texts.push(decoder.decode(bytes));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return lab.findSecrets(texts.join("\n"));
}

Deno.test("lab-masks never prints the secret key or a token, whatever happens", async (t) => {
  const runs: [string, string[], Partial<FakeLabOptions>, number][] = [
    ["an export with renamed and failed tasks", [], {}, 1],
    ["the --json summary", ["--json"], {}, 1],
    ["a token renewed mid-export", [], { revokeTokenAfterRequests: 1 }, 1],
    ["a project without access", ["--project-id", "p-private"], {}, 3],
    ["an unknown project", ["--project-id", "p-nope"], {}, 3],
    ["a lab that keeps answering 429", [], { faults: { rate: 1, seed: 1, kinds: ["429"] } }, 3],
    ["every request logged by --verbose, with retries and a renewed token", ["--verbose"], {
      revokeTokenAfterRequests: 2,
      faults: { rate: 0.3, seed: 2, kinds: ["429"] },
    }, 1],
    ["a lab that keeps answering 429, with -v", ["-v"], {
      faults: { rate: 1, seed: 1, kinds: ["429"] },
    }, 3],
  ];
  for (const [name, args, labOptions, code] of runs) {
    await t.step(name, async () => {
      await using dir = await tempDir();
      await using lab = await startFakeLab({ ...LAB, ...labOptions });
      const ran = await runCli([
        "export",
        "--project-id",
        "p1",
        "--output-filename",
        "out",
        ...args,
      ], {
        env: envFor(lab),
        cwd: dir.path,
      });
      assert.equal(ran.code, code, ran.stderr);
      assert.ok(lab.issuedTokens.length > 0);
      assert.deepEqual(await secretsIn(lab, `${dir.path}/out`, ran.stdout + ran.stderr), []);
    });
  }
});

Deno.test("lab-masks reads credentials from the environment only, never echoing a flag's value", async () => {
  await using dir = await tempDir();
  for (const args of [[`--secret-key=${SECRET}`], ["--secret-key", SECRET], ["--access-id", "x"]]) {
    const ran = await runCli(["export", "--project-id", "p1", ...args], { cwd: dir.path });
    assert.equal(ran.code, 2);
    assert.match(
      ran.stderr,
      /Option "--(secret-key|access-id)" does not exist: credentials come from the environment only/,
    );
    assert.ok(!(ran.stdout + ran.stderr).includes(SECRET));
  }
  const help = await runCli(["export", "--help"], { cwd: dir.path });
  assert.doesNotMatch(help.stdout, /--(secret|access|token|password)/);
  assert.match(help.stdout, /ISAHIT_LAB_API_SECRET_KEY/);
});

Deno.test("lab-masks has no debug output that could show a secret", async () => {
  // If one is added, the runs above must also cover it, as they cover --verbose and -v.
  await using dir = await tempDir();
  for (const flag of ["--debug", "-d"]) {
    const ran = await runCli(["export", "--project-id", "p1", flag], { cwd: dir.path });
    assert.equal(ran.code, 2, flag);
    assert.match(ran.stderr, /Unknown option/, flag);
  }
});

Deno.test("exportMasks() keeps secrets out of its summary, its errors and their causes", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab(LAB);
  const summary = await exportFrom(lab, `${dir.path}/1`);
  assert.deepEqual(lab.findSecrets(summary), []);
  const failures = [
    { projectId: "p-private" },
    { projectId: "p-nope" },
    { client: clientFor(lab, { secretKey: `${SECRET}x` }) },
  ];
  for (const [i, options] of failures.entries()) {
    const error = await exportFrom(lab, `${dir.path}/${i + 2}`, options).catch((error) => error);
    assert.ok(error instanceof Error);
    assert.deepEqual(lab.findSecrets(error), [], error.message);
    assert.ok(!Deno.inspect(error, { depth: 10 }).includes(SECRET));
  }
  await lab.close();
  const client = clientFor(lab, { maxRetries: 0 });
  const unreachable = await exportFrom(lab, `${dir.path}/9`, { client }).catch((error) => error);
  assert.match(unreachable.message, /^Cannot reach the lab/);
  assert.ok(!Deno.inspect(unreachable, { depth: 10 }).includes(SECRET));
});
