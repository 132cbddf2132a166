// Every flag that names a path, given every kind of path (nothing there, a file, a folder, a path
// below a file, a link to nothing, a name too long, a device): each run exports or refuses with
// one line of its own, never an unexpected failure. Such runs found a folder given as the export
// file, an export folder below a file and a name too long stopping as bugs.
import assert from "../_std/assert.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationConfiguration, segmentationProject } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";

const MASK = encodeDataUri(
  writeMaskPng({ width: 1, height: 1, data: new Uint8Array([1, 1, 1]) }, { colourType: 2 }),
);

/** The kinds of path, by name, relative to the workspace (absolute ones as they are). */
const KINDS: Record<string, string> = {
  "nothing there": "missing",
  "a file": "notes.txt",
  "an empty folder": "empty",
  "a path below a file": "notes.txt/x",
  "a name too long": "x".repeat(300),
  ...(Deno.build.os === "windows" ? {} : { "a link to nothing": "gone", "a device": "/dev/zero" }),
};

/** Each flag that names a path, with what the command needs beside it (`NAME`: a fresh name). */
const FLAGS: [string, string[]][] = [
  ["--output-folder", ["--project-id", "p1", "--output-filename", "NAME"]],
  ["--output-filename", ["--project-id", "p1"]],
  ["--output-filename", ["--project-id", "p1", "--resume"]],
  ["--output-filename", ["--project-id", "p1", "--overwrite"]],
  ["--incremental", []],
  ["--labelmap-from", [
    "--project-id",
    "p1",
    "--mask-format",
    "class-index",
    "--output-filename",
    "NAME",
  ]],
  ["--semantic-mapping", ["--project-id", "p1", "--output-filename", "NAME"]],
  ["--config", ["--from-export", "tasks.json", "--output-filename", "NAME"]],
  ["--from-export", ["--config", "config.json", "--output-filename", "NAME"]],
];

Deno.test("every path flag, given every kind of path, exports or refuses with one line of its own", async (t) => {
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [maskTask("t1", "a.jpg", MASK)])],
  });
  let runs = 0;
  for (const [flag, around] of FLAGS) {
    for (const [kind, path] of Object.entries(KINDS)) {
      await t.step(`${flag} ${[...around, ""].join(" ")}with ${kind}`, async () => {
        await using dir = await tempDir();
        await Deno.writeTextFile(`${dir.path}/notes.txt`, "notes\n");
        await Deno.writeTextFile(`${dir.path}/tasks.json`, "[]");
        await Deno.writeTextFile(
          `${dir.path}/config.json`,
          JSON.stringify(segmentationConfiguration("p1")),
        );
        await Deno.mkdir(`${dir.path}/empty`);
        if (Deno.build.os !== "windows") {
          await Deno.symlink(`${dir.path}/nowhere`, `${dir.path}/gone`);
        }
        // In-process runs share one working folder: every relative path is made absolute.
        const inside = (name: string) => name.startsWith("/") ? name : `${dir.path}/${name}`;
        const named = around.map((arg) => arg === "NAME" ? `out${runs}` : arg)
          .map((arg, i, args) =>
            ["--from-export", "--config"].includes(args[i - 1]) ? inside(arg) : arg
          );
        const target = flag === "--output-filename" ? path : inside(path);
        const folder = flag === "--output-folder" || flag === "--incremental"
          ? []
          : ["-o", dir.path];
        const ran = await runCli(["export", ...folder, ...named, flag, target], labEnv(lab));
        runs++;
        assert.ok([0, 2].includes(ran.code), `exit ${ran.code}: ${ran.stderr}`);
        assert.doesNotMatch(ran.stderr, /unexpected failure|\n\s+at /);
        if (ran.code === 2) {
          assert.equal(ran.stderr.trimEnd().split("\n").length, 1, ran.stderr);
          assert.match(ran.stderr, /^error: /);
        }
      });
    }
  }
  assert.equal(runs, FLAGS.length * Object.keys(KINDS).length);
});
