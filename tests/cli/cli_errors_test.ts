import assert from "../_std/assert.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { reportError } from "../../lib/cli/report_error.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationConfiguration, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { CLI_PERMISSIONS, labEnv, runCli, runCliProcess } from "../_fixtures/run_cli.ts";

const MASK = encodeDataUri(
  writeMaskPng({ width: 2, height: 1, data: new Uint8Array([1, 1, 1, 0, 0, 0]) }, {
    colourType: 6,
  }),
);
const TASKS = [maskTask("t1", "a.jpg", MASK), maskTask("t2", "b.jpg", MASK)];

/** One line, no stack trace: what a user error looks like. */
function assertOneLine(stderr: string): void {
  assert.equal(stderr.trimEnd().split("\n").length, 1, stderr);
  assert.doesNotMatch(stderr, /\n\s+at |unexpected failure/);
}

Deno.test("export refuses an output folder it cannot write before any request, naming --output-folder and the reason (exit 2)", async (t) => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  await Deno.writeTextFile(`${dir.path}/a-file`, "");
  const cases: [string, string, RegExp][] = [
    ["a file in the way", `${dir.path}/a-file/out`, /"[^"]*a-file" is a file, not a folder/],
    ["a name the system refuses", `${dir.path}/new/${"x".repeat(300)}`, /name too long/i],
  ];
  // Linux's /proc, and links (which Windows makes for administrators only).
  if (Deno.build.os === "linux") {
    cases.push([
      "a system folder",
      "/proc/lab-masks-test",
      /all access to "\/proc\/lab-masks-test"/,
    ]);
  }
  if (Deno.build.os !== "windows") {
    await Deno.symlink(`${dir.path}/nowhere`, `${dir.path}/gone`);
    cases.push(["a link to nothing", `${dir.path}/gone/out`, /"[^"]*gone" is a link to nothing;/]);
  }
  for (const [what, folder, reason] of cases) {
    await t.step(what, async () => {
      const ran = await runCli(["export", "--project-id", "p1", "-o", folder], labEnv(lab));
      assert.equal(ran.code, 2, ran.stderr);
      assert.match(ran.stderr, /--output-folder/);
      assert.match(ran.stderr, reason);
      assertOneLine(ran.stderr);
      assert.equal(lab.requests.length, 0, "no request before the folder is known to work");
    });
  }
  const left = await Array.fromAsync(Deno.readDir(dir.path));
  assert.deepEqual(
    left.map((entry) => entry.name).filter((name) => name !== "gone"),
    ["a-file"],
    "the probe leaves no folder behind",
  );
});

Deno.test("export refuses an output filename that names the output folder itself, before any request (exit 2)", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  for (const name of [".", "./", "a/.."]) {
    const args = ["export", "--project-id", "p1", "-o", dir.path, "--output-filename", name];
    const ran = await runCli(args, labEnv(lab));
    assert.equal(ran.code, 2, ran.stderr);
    assert.match(
      ran.stderr,
      name === "a/.."
        ? /has a "\.\." segment/
        : /The output filename "\.\/?" names --output-folder itself; give the export folder a name of its own inside it/,
    );
    assertOneLine(ran.stderr);
  }
  assert.equal(lab.requests.length, 0);
});

Deno.test("export names a path of the wrong kind, the system's refusal or a file on the way, in one line (exit 2)", async (t) => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  await Deno.writeTextFile(`${dir.path}/file.txt`, "");
  const configuration = JSON.stringify(segmentationConfiguration("p1"));
  await Deno.writeTextFile(`${dir.path}/config.json`, configuration);
  const cases: [string, string[], RegExp][] = [
    [
      "a name too long",
      ["--project-id", "p1", "-o", dir.path, "--output-filename", "x".repeat(300)],
      /^error: Refusing the path ".*x{100}.*": the system cannot use it as the export folder: /,
    ],
    [
      "resume below a file",
      ["--project-id", "p1", "--resume", "-o", dir.path, "--output-filename", "file.txt/x"],
      /^error: Cannot resume ".*file\.txt\/x": there is no such folder/,
    ],
    [
      "an update below a file, without a project id",
      ["--incremental", `${dir.path}/file.txt/x`],
      /^error: Cannot update ".*file\.txt\/x" incrementally: there is no such folder/,
    ],
    [
      "a folder as the export file",
      ["--from-export", dir.path, "--config", `${dir.path}/config.json`, "-o", dir.path],
      /^error: Cannot read the export file ".*": it is a folder, not a file\n$/,
    ],
  ];
  for (const [what, args, reason] of cases) {
    await t.step(what, async () => {
      const ran = await runCli(["export", ...args], labEnv(lab));
      assert.equal(ran.code, 2, ran.stderr);
      assert.match(ran.stderr, reason);
      assertOneLine(ran.stderr);
    });
  }
  assert.equal(lab.requests.length, 0);
});

Deno.test("export names the Deno permission to add, and sends nothing it may not (exit 2)", async (t) => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const port = new URL(lab.url).port;
  const without = (flag: string) => CLI_PERMISSIONS.filter((given) => !given.startsWith(flag));
  const cases: [string, string[], RegExp][] = [
    ["network", without("--allow-net"), new RegExp(`--allow-net=127\\.0\\.0\\.1:${port}`)],
    ["environment", without("--allow-env"), /env access to "[A-Z_]+": run again with --allow-env/],
    [
      "writing",
      without("--allow-write"),
      /--output-folder.*write access to "[^"]+".*--allow-write/,
    ],
    ["reading", without("--allow-read"), /read access to "[^"]+".*--allow-read/],
  ];
  for (const [what, permissions, message] of cases) {
    await t.step(what, async () => {
      const ran = await runCliProcess(["export", "--project-id", "p1", "-o", "out"], {
        env: labEnv(lab),
        cwd: dir.path,
        permissions,
      });
      assert.equal(ran.code, 2, ran.stderr);
      assert.match(ran.stderr, message);
      assertOneLine(ran.stderr);
      assert.doesNotMatch(ran.stderr, /Cannot reach the lab/);
    });
  }
  assert.equal(lab.requests.length, 0, "no request is sent while a permission is missing");
});

Deno.test("export names --project-id when it is missing, before reading any credential (exit 2)", async () => {
  const ran = await runCli(["export", "--status-in", "complete"]);
  assert.equal(ran.code, 2);
  assert.match(ran.stderr, /Option "--project-id" is missing/);
  assert.doesNotMatch(ran.stderr, /ISAHIT_LAB_API/);
  const bad = await runCli(["export", "--project-id", "p1", "--updated-at-gte", "yesterday"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--updated-at-gte/);
  assert.doesNotMatch(bad.stderr, /ISAHIT_LAB_API/, "flags are checked before credentials");
});

Deno.test("export with only one credential names the one that is missing (exit 2)", async () => {
  const noSecret = await runCli(["export", "--project-id", "p1"], {
    ISAHIT_LAB_API_ACCESS_ID: "id",
  });
  assert.equal(noSecret.code, 2);
  assert.match(noSecret.stderr, /set ISAHIT_LAB_API_SECRET_KEY in the environment/);
  assert.doesNotMatch(noSecret.stderr, /ACCESS_ID/);
  const noId = await runCli(["export", "--project-id", "p1"], {
    ISAHIT_LAB_API_SECRET_KEY: "secret",
  });
  assert.match(noId.stderr, /set ISAHIT_LAB_API_ACCESS_ID in the environment/);
  assert.doesNotMatch(noId.stderr, /SECRET_KEY/);
});

Deno.test("export names a bad --endpoint as --endpoint, not as the environment variable (exit 2)", async () => {
  const env = { ISAHIT_LAB_API_ACCESS_ID: "id", ISAHIT_LAB_API_SECRET_KEY: "secret" };
  const ran = await runCli(["export", "--project-id", "p1", "--endpoint", "lab.example"], env);
  assert.equal(ran.code, 2);
  assert.match(
    ran.stderr,
    /The endpoint "lab\.example" given by --endpoint is not an http\(s\) URL/,
  );
  assert.doesNotMatch(ran.stderr, /ISAHIT_LAB_API_ENDPOINT/);
  const fromEnv = await runCli(["export", "--project-id", "p1"], {
    ...env,
    ISAHIT_LAB_API_ENDPOINT: "lab.example",
  });
  assert.match(fromEnv.stderr, /given by ISAHIT_LAB_API_ENDPOINT/);
});

Deno.test("export with a damaged export.json or manifest says which file, in one line (exit 2)", async (t) => {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const env = labEnv(lab);
  const entry = JSON.stringify({ taskId: "t1", name: "a.jpg", outcome: "exported", files: [] });
  const metadata = JSON.stringify({
    projectId: "p1",
    startedAt: "2024-12-25T00:00:00.000Z",
    maskFormat: "rgb",
    settings: {},
  });
  const cases: [string, Record<string, string>, string, string][] = [
    [
      "export.json not JSON",
      { "manifest.jsonl": `${entry}\n`, "export.json": "{" },
      "--incremental",
      "export.json",
    ],
    [
      "export.json null",
      { "manifest.jsonl": `${entry}\n`, "export.json": "null" },
      "--incremental",
      "export.json",
    ],
    [
      "export.json with a bad date",
      {
        "manifest.jsonl": `${entry}\n`,
        "export.json": metadata.replace("2024-12-25T00:00:00.000Z", "soon"),
      },
      "--incremental",
      "export.json",
    ],
    [
      "manifest.jsonl with a bad line",
      {
        "manifest.jsonl": `garbage\n${entry}\n`,
        "export.json": metadata,
      },
      "--incremental",
      "manifest.jsonl",
    ],
    [
      "a partial manifest with a bad line",
      { ".manifest.jsonl.part": `[1]\n${entry}\n` },
      "--resume",
      ".manifest.jsonl.part",
    ],
  ];
  for (const [what, files, mode, file] of cases) {
    await t.step(what, async () => {
      await using dir = await tempDir();
      const folder = `${dir.path}/out`;
      await Deno.mkdir(folder);
      for (const [name, text] of Object.entries(files)) {
        await Deno.writeTextFile(`${folder}/${name}`, text);
      }
      const flags = mode === "--incremental"
        ? ["--incremental", folder]
        : ["--resume", "-o", dir.path, "--output-filename", "out"];
      const ran = await runCli(["export", "--project-id", "p1", ...flags], env);
      assert.equal(ran.code, 2, ran.stderr);
      assert.ok(ran.stderr.includes(`${folder}/${file}`), ran.stderr);
      assertOneLine(ran.stderr);
    });
  }
});

Deno.test("export says statuses are case-sensitive when a status filter matches no task", async () => {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", TASKS)] });
  const ran = await runCli(
    ["export", "--project-id", "p1", "--status-in", "Complete"],
    labEnv(lab),
  );
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(ran.stdout, /Nothing to export: no task matches the filters/);
  assert.match(ran.stderr, /no task has the status Complete; statuses are case-sensitive/);
});

Deno.test("an unexpected failure keeps its stack and says where to report it (exit 1)", () => {
  let printed = "";
  const code = reportError(new TypeError("x is undefined"), {
    stderr: (text) => printed += text,
    colour: false,
  });
  assert.equal(code, 1);
  assert.match(printed, /^error: unexpected failure; this is a bug in lab-masks: please report it/);
  assert.match(printed, /as an issue of the lab-masks repository/);
  assert.match(printed, /TypeError: x is undefined\n\s+at /);
});

Deno.test("a flag without its value, or with one it does not take, is one line naming it (exit 2)", async () => {
  const cases: [string[], string][] = [
    // `config` reported these as an unexpected failure, `export` in the parser's three lines.
    [["config", "--project-id"], 'error: Option "--project-id" needs a value; see "config --help"'],
    [
      ["config", "--endpoint", "-x"],
      'error: Option "--endpoint" needs a value, and "-x" starts with "-": to give it, write --endpoint=-x; see "config --help"',
    ],
    [
      ["export", "--concurrency", "-1"],
      'error: Option "--concurrency" needs a value, and "-1" starts with "-": to give it, write --concurrency=-1. See "export --help"',
    ],
    [
      ["export", "--dry-run=yes"],
      'error: Option "--dry-run" takes no value: write it alone. See "export --help"',
    ],
    [
      ["demo", "--output-folder"],
      'error: Option "--output-folder" needs a value; see "demo --help"',
    ],
    [["demo", "extra"], 'error: Unexpected argument "extra" for "demo"; it takes --output-folder'],
  ];
  for (const [args, message] of cases) {
    const ran = await runCli(args);
    assert.equal(ran.code, 2, args.join(" "));
    assert.equal(ran.stderr.trimEnd(), message, args.join(" "));
  }
});
