import assert from "../_std/assert.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { type ProxyLab, startProxyLab } from "../_fixtures/proxy_lab.ts";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";
import { CLI, CLI_PERMISSIONS, labEnv, runCli } from "../_fixtures/run_cli.ts";

// `test`: `Deno.test`, ignored on Windows: a child cannot be sent SIGINT there, SIGTERM
// ends it at once (TerminateProcess), and the printed command is read back by `sh`.
const test = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

const MASK = encodeDataUri(
  writeMaskPng({ width: 2, height: 1, data: new Uint8Array([1, 1, 1, 0, 0, 0]) }, {
    colourType: 6,
  }),
);
// Two pages of the default 100 tasks: the second is held, so the export is always mid-way.
const TASKS = Array.from({ length: 150 }, (_, i) => maskTask(`t${i}`, `f${i}.jpg`, MASK));

/** A lab whose second task page never comes, and a promise kept when it is asked for. */
async function stalledLab(): Promise<{ lab: FakeLab; proxy: ProxyLab; asked: Promise<void> }> {
  const lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const asked = Promise.withResolvers<void>();
  const proxy = startProxyLab(lab, (_request, url) => {
    if (url.searchParams.get("page") !== "2") return undefined;
    asked.resolve();
    return new Promise<Response>(() => {});
  });
  return { lab, proxy, asked: asked.promise };
}

/** The command line in a child process, whose stderr can be read as it comes. */
function spawnCli(args: string[], env: Record<string, string>, cwd: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...CLI_PERMISSIONS, CLI, ...args],
    cwd,
    env: { NO_COLOR: "1", ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  return {
    child,
    /** Reads stderr until `pattern` appears in it. */
    async waitFor(pattern: RegExp): Promise<void> {
      while (!pattern.test(seen)) {
        const { value, done } = await stderr.read();
        if (done) throw new Error(`stderr ended without ${pattern}: ${seen}`);
        seen += value;
      }
    },
    /** What came on stdout (unless the test read it) and stderr, and the exit code, at the end. */
    async end() {
      const [stdout, status] = await Promise.all([
        child.stdout.locked ? "" : new Response(child.stdout).text(),
        child.status,
      ]);
      for (let chunk = await stderr.read(); !chunk.done; chunk = await stderr.read()) {
        seen += chunk.value;
      }
      return { code: status.code, stdout, stderr: seen };
    },
  };
}

/** The words a POSIX shell reads from `command`, as `sh` itself splits and unquotes them. */
async function shellWords(command: string): Promise<string[]> {
  const output = await new Deno.Command("sh", {
    args: ["-c", `printf '%s\\0' ${command}`],
    stdout: "piped",
  }).output();
  return new TextDecoder().decode(output.stdout).split("\0").slice(0, -1);
}

test("Ctrl-C stops the export cleanly (exit 130) and prints the quoted command that finishes it", async () => {
  await using dir = await tempDir();
  const { lab, proxy, asked } = await stalledLab();
  await using _lab = lab;
  await using _proxy = proxy;
  const name = "night's masks";
  const cli = spawnCli(
    ["export", "--project-id", "p1", "-o", "exports", "--output-filename", name, "--overwrite"],
    { ...labEnv(lab), ISAHIT_LAB_API_ENDPOINT: proxy.url },
    dir.path,
  );
  await asked;
  await cli.waitFor(/^progress: /m);
  cli.child.kill("SIGINT");
  const ran = await cli.end();

  assert.equal(ran.code, 130, ran.stderr);
  const folder = await Deno.realPath(`${dir.path}/exports/${name}`);
  const written = await listPngs(folder);
  assert.ok(written.length >= 15 && written.length < 150, `${written.length} masks written`);
  const [, command] = /To finish the export, run:\n {2}(.*)\n/.exec(ran.stderr) ?? [];
  assert.ok(command, ran.stderr);
  const words = await shellWords(command);
  // The program as it was started: this Deno (npx's, when npx installed it), the entry's path.
  const deno = Deno.execPath().includes("/_npx/") ? ["npx", "-y", `deno@${Deno.version.deno}`] : [
    "deno",
  ];
  const program = [...deno, "run", "-A", CLI];
  assert.deepEqual(words.slice(0, program.length), program);
  assert.deepEqual(words.slice(program.length), [
    "export",
    "--project-id",
    "p1",
    "--resume",
    "--output-folder",
    `${await Deno.realPath(dir.path)}/exports`,
    "--output-filename",
    name,
  ]);

  const resumed = await runCli(words.slice(program.length), labEnv(lab));
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal((await listPngs(folder)).length, 150);
  assert.match(resumed.stdout, /\d+ kept from the earlier run/);
});

test("SIGTERM stops the export (exit 143) and --json still prints a summary with interrupted: true", async () => {
  await using dir = await tempDir();
  const { lab, proxy, asked } = await stalledLab();
  await using _lab = lab;
  await using _proxy = proxy;
  const cli = spawnCli(
    ["export", "--project-id", "p1", "--json", "-o", dir.path, "--output-filename", "out"],
    { ...labEnv(lab), ISAHIT_LAB_API_ENDPOINT: proxy.url },
    dir.path,
  );
  await asked;
  cli.child.kill("SIGTERM");
  const ran = await cli.end();

  assert.equal(ran.code, 143, ran.stderr);
  const summary = JSON.parse(ran.stdout);
  assert.equal(summary.version, 1);
  assert.equal(summary.interrupted, true);
  assert.equal(summary.total, 150);
  assert.ok(summary.exported < 150);
  assert.match(ran.stderr, /^interrupted/m);
  assert.doesNotMatch(ran.stderr, /unexpected failure|\n\s+at /);
});

Deno.test("a closed stdout (piping into head) ends the export quietly, with exit 0", async () => {
  await using dir = await tempDir();
  const tasks = Array.from({ length: 2000 }, (_, i) => maskTask(`t${i}`, `frame_${i}.jpg`, MASK));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const cli = spawnCli(["export", "--project-id", "p1", "--dry-run"], labEnv(lab), dir.path);
  // Like `head -n 1`: read the first lines of the plan, then close the pipe.
  const reader = cli.child.stdout.getReader();
  const first = await reader.read();
  assert.match(new TextDecoder().decode(first.value), /^Would export from 2000 tasks/);
  await reader.cancel();
  const ran = await cli.end();
  assert.equal(ran.code, 0, ran.stderr);
  assert.doesNotMatch(ran.stderr, /error|Broken pipe/i);
  assert.match(ran.stderr, /progress: 2000\/2000 tasks/, "the run went on to its end");
});
