import assert from "../_std/assert.ts";
import { runCli } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";

// `test`: `Deno.test`, ignored on Windows: a child cannot be sent SIGINT there, and
// SIGTERM ends it at once (TerminateProcess) instead of letting it stop.
const test = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

const TESTING_MOD = fromFileUrl(new URL("../../testing/mod.ts", import.meta.url));
const EXPORT_LINE = /^export (ISAHIT_LAB_API_[A-Z_]+)=(.*)$/;

/** Starts `testing/mod.ts` as a program and reads its first `count` lines of output. */
async function startDemoLab(args: string[], count: number) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", TESTING_MOD, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (lines.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
    const complete = text.split("\n");
    text = complete.pop()!;
    lines.push(...complete);
  }
  return {
    lines,
    /** Sends `signal`, and returns the exit code, the rest of stdout and stderr. */
    async stop(signal: Deno.Signal) {
      child.kill(signal);
      const rest = [];
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        rest.push(chunk.value);
      }
      const stderr = await new Response(child.stderr).text();
      return { code: (await child.status).code, stdout: text + rest.join(""), stderr };
    },
  };
}

/** A port nobody listens on right now. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

test("testing/mod.ts as a program prints the export lines, serves the demo and stops on SIGTERM", async () => {
  const lab = await startDemoLab([], 5);
  let stopped;
  try {
    const [endpoint, accessId, secretKey, ...projects] = lab.lines;
    assert.match(endpoint, /^export ISAHIT_LAB_API_ENDPOINT=http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(accessId, "export ISAHIT_LAB_API_ACCESS_ID=demo-access-id");
    assert.equal(secretKey, "export ISAHIT_LAB_API_SECRET_KEY=demo-secret-key");
    assert.deepEqual(projects, [
      "# proj_seg_demo  iat-segmentation  8 tasks",
      "# proj_form_demo  form  3 tasks",
    ]);
    const env = Object.fromEntries(
      lab.lines.slice(0, 3).map((line) => EXPORT_LINE.exec(line)!.slice(1, 3)),
    );
    await using dir = await tempDir();
    const ran = await runCli(
      ["export", "--project-id", "proj_seg_demo", "--output-folder", dir.path],
      env,
    );
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stdout, /Exported 7 masks/);
  } finally {
    stopped = await lab.stop("SIGTERM");
  }
  assert.equal(stopped.code, 0, stopped.stderr);
  assert.equal(stopped.stdout, "");
  assert.match(
    stopped.stderr,
    /^The fake lab serves at http:\/\/127\.0\.0\.1:\d+\/ until Ctrl-C\.$/m,
  );
});

test("testing/mod.ts as a program listens on the --port asked and stops on Ctrl-C", async () => {
  const port = freePort();
  const lab = await startDemoLab(["--port", String(port)], 3);
  const stopped = await lab.stop("SIGINT");
  assert.equal(lab.lines[0], `export ISAHIT_LAB_API_ENDPOINT=http://127.0.0.1:${port}/`);
  assert.equal(stopped.code, 0, stopped.stderr);
});

Deno.test("testing/mod.ts as a program refuses a bad port or flag (exit 2)", async () => {
  for (const args of [["--port", "http"], ["--port", "70000"], ["--prot", "1"]]) {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-net=127.0.0.1", TESTING_MOD, ...args],
      stdin: "null",
    }).output();
    const decoder = new TextDecoder();
    assert.equal(output.code, 2, args.join(" "));
    assert.equal(decoder.decode(output.stdout), "");
    assert.match(decoder.decode(output.stderr), /^error: .*(--port|--prot)/);
  }
});

Deno.test("testing/mod.ts as a program refuses a flag without its value, or an argument, in one line (exit 2)", async () => {
  const cases: [string[], string][] = [
    [["--port"], 'error: Option "--port" needs a value\n'],
    [
      ["--port", "-1"],
      'error: Option "--port" needs a value, and "-1" starts with "-": to give it, write --port=-1\n',
    ],
    [["--help=x"], 'error: Option "--help" takes no value: write it alone\n'],
    [["8080"], 'error: Unexpected argument "8080"; it takes --port <n> and --help\n'],
  ];
  for (const [args, message] of cases) {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-net=127.0.0.1", TESTING_MOD, ...args],
      stdin: "null",
    }).output();
    assert.equal(output.code, 2, args.join(" "));
    assert.equal(new TextDecoder().decode(output.stderr), message, args.join(" "));
  }
});
