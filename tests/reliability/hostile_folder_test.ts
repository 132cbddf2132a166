import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { UnsafePathError } from "../../lib/errors.ts";
import type { ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { segmentationProject } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { envFor, exportFrom, readTree, runCli, variedMaskTasks } from "./_fixtures.ts";

// `test`: `Deno.test`, ignored on Windows: planting a symbolic link needs administrator
// rights or developer mode there, and these links are POSIX ones.
const test = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

// An earlier export's folder is not trusted: a restored cache or another user can plant links in
// it or edit its manifest. Each test reproduces one attack of the hostile-folder review and checks
// that a victim file outside the export folder keeps its bytes.

const VICTIM = "the victim's own bytes\n";

/** A victim file next to the export folder, and a finished export of 3 tasks in `<dir>/out`. */
async function exportedWithVictim(dir: string, options: Partial<ExportMasksOptions> = {}) {
  await Deno.writeTextFile(`${dir}/victim.txt`, VICTIM);
  const lab = await startFakeLab({ projects: [segmentationProject("p1", variedMaskTasks(3))] });
  await exportFrom(lab, dir, options);
  return lab;
}

test("--resume refuses a partial manifest that is a link, and the link's target keeps its bytes (exit 2)", async () => {
  await using dir = await tempDir();
  await using lab = await exportedWithVictim(dir.path);
  await Deno.symlink(`${dir.path}/victim.txt`, `${dir.path}/out/.manifest.jsonl.part`);
  const before = lab.requests.length;

  const ran = await runCli(
    ["export", "--project-id", "p1", "--output-filename", "out", "--resume"],
    { env: envFor(lab), cwd: dir.path },
  );
  assert.equal(ran.code, 2, ran.stderr);
  assert.match(
    ran.stderr,
    /holds what an export never writes: \.manifest\.jsonl\.part \(a symbolic link\)/,
  );
  assert.equal(lab.requests.length, before, "refused before any request");
  assert.equal(await Deno.readTextFile(`${dir.path}/victim.txt`), VICTIM);
});

test("--incremental refuses links planted at the tool's own file names, naming each, before any request", async () => {
  await using dir = await tempDir();
  await using lab = await exportedWithVictim(dir.path, { maskFormat: "class-index" });
  for (const name of [".manifest.jsonl.part", ".export.json.tmp"]) {
    await Deno.symlink(`${dir.path}/victim.txt`, `${dir.path}/out/${name}`);
  }
  await Deno.remove(`${dir.path}/out/labelmap.json`);
  await Deno.symlink(`${dir.path}/victim.txt`, `${dir.path}/out/labelmap.json`);
  const before = lab.requests.length;

  await assert.rejects(
    () =>
      exportFrom(lab, dir.path, {
        outputFolder: undefined,
        outputFilename: undefined,
        maskFormat: "class-index",
        incremental: `${dir.path}/out`,
      }),
    {
      name: "UnsafePathError",
      message: new RegExp(
        "holds what an export never writes: \\.export\\.json\\.tmp \\(a symbolic link\\), " +
          "\\.manifest\\.jsonl\\.part \\(a symbolic link\\), labelmap\\.json \\(a symbolic link\\)\\.",
      ),
    },
  );
  assert.equal(lab.requests.length, before, "refused before any request");
  assert.equal(await Deno.readTextFile(`${dir.path}/victim.txt`), VICTIM);
});

test("--overwrite refuses a folder whose export.json is a link, deleting nothing", async () => {
  await using dir = await tempDir();
  await using lab = await exportedWithVictim(dir.path);
  await Deno.remove(`${dir.path}/out/export.json`);
  await Deno.symlink(`${dir.path}/victim.txt`, `${dir.path}/out/export.json`);

  const before = await readTree(`${dir.path}/out`);
  await assert.rejects(() => exportFrom(lab, dir.path, { overwrite: true }), {
    name: "UnsafePathError",
    message: /holds what an export never writes: export\.json \(a symbolic link\)\./,
  });
  assert.equal(await Deno.readTextFile(`${dir.path}/victim.txt`), VICTIM);
  assert.deepEqual(await readTree(`${dir.path}/out`), before);
});

for (const mode of ["resume", "incremental"] as const) {
  Deno.test(`--${mode} refuses a tampered manifest whose path climbs out, deleting nothing (exit 2)`, async () => {
    await using dir = await tempDir();
    await using lab = await exportedWithVictim(dir.path);
    const manifest = `${dir.path}/out/manifest.jsonl`;
    const lines = (await Deno.readTextFile(manifest)).trim().split("\n").map((line) =>
      JSON.parse(line)
    );
    // Each of the three deletion paths: a re-export's stale file, a task that lost its mask, an
    // entry removed by the filters, all start from `files[].path`.
    lines[0].files[0].path = "../victim.txt";
    lines[1].files[0].path = `${dir.path}/victim.txt`;
    await Deno.writeTextFile(manifest, lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
    const before = lab.requests.length;
    const tree = await readTree(`${dir.path}/out`);

    const args = mode === "resume"
      ? ["--output-filename", "out", "--resume"]
      : ["--incremental", "out"];
    const ran = await runCli(["export", "--project-id", "p1", ...args], {
      env: envFor(lab),
      cwd: dir.path,
    });
    assert.equal(ran.code, 2, ran.stderr);
    assert.match(ran.stderr, /Refusing the path "\.\.\/victim\.txt": the manifest ".*" line 1/);
    // An update reads its manifest while it asks its first pages; a resumed export first.
    if (mode === "resume") assert.equal(lab.requests.length, before, "refused before any request");
    assert.equal(await Deno.readTextFile(`${dir.path}/victim.txt`), VICTIM);
    assert.deepEqual(await readTree(`${dir.path}/out`), tree, "nothing written or deleted");
  });
}

test("--resume refuses a folder link planted in the export, writing no mask through it (exit 2)", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", [
      ...variedMaskTasks(2),
      { ...variedMaskTasks(1)[0], _id: "top", name: "top.jpg" },
    ])],
  });
  await exportFrom(lab, dir.path);
  // The masks are gone and `scene` now points outside: resume must rewrite them, not through it.
  await Deno.mkdir(`${dir.path}/elsewhere`);
  await Deno.writeTextFile(`${dir.path}/elsewhere/0.jpg.png`, VICTIM);
  await Deno.remove(`${dir.path}/out/scene`, { recursive: true });
  await Deno.remove(`${dir.path}/out/top.jpg.png`);
  await Deno.symlink(`${dir.path}/elsewhere`, `${dir.path}/out/scene`);

  const ran = await runCli(
    ["export", "--project-id", "p1", "--output-filename", "out", "--resume"],
    { env: envFor(lab), cwd: dir.path },
  );
  assert.equal(ran.code, 2, ran.stderr);
  assert.match(ran.stderr, /holds what an export never writes: scene \(a symbolic link\)\./);
  assert.deepEqual(await listFiles(`${dir.path}/elsewhere`), ["0.jpg.png"]);
  assert.equal(await Deno.readTextFile(`${dir.path}/elsewhere/0.jpg.png`), VICTIM);
});

Deno.test("--overwrite refuses a folder that only holds a file named manifest.jsonl, deleting nothing (exit 2)", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", variedMaskTasks(1))],
  });
  await Deno.mkdir(`${dir.path}/work`);
  await Deno.writeTextFile(`${dir.path}/work/manifest.jsonl`, "not ours\n");
  await Deno.writeTextFile(`${dir.path}/work/notes.txt`, VICTIM);

  const ran = await runCli(
    ["export", "--project-id", "p1", "--output-filename", "work", "--overwrite"],
    { env: envFor(lab), cwd: dir.path },
  );
  assert.equal(ran.code, 2, ran.stderr);
  assert.match(ran.stderr, /Will not overwrite ".*work": it is not an export folder of this tool/);
  assert.deepEqual(await listFiles(`${dir.path}/work`), ["manifest.jsonl", "notes.txt"]);
  assert.equal(await Deno.readTextFile(`${dir.path}/work/notes.txt`), VICTIM);
});

Deno.test("--overwrite still replaces an export of this tool", async () => {
  await using dir = await tempDir();
  await using lab = await exportedWithVictim(dir.path);
  await Deno.writeTextFile(`${dir.path}/out/extra.txt`, "left by the user");

  const summary = await exportFrom(lab, dir.path, { overwrite: true });
  assert.equal(summary.exported, 3);
  assert.equal((await readTree(`${dir.path}/out`)).has("extra.txt"), false);
});

Deno.test("an absolute --output-filename is refused before any request (exit 2), in every format", async (t) => {
  for (
    const [format, name] of [["mask", "elsewhere"], ["coco", "elsewhere.json"], [
      "yolo",
      "elsewhere.zip",
    ], ["lab", "elsewhere.json"]]
  ) {
    await t.step(format, async () => {
      await using dir = await tempDir();
      await using lab = await startFakeLab({
        projects: [segmentationProject("p1", variedMaskTasks(1))],
      });

      const ran = await runCli(
        [
          "export",
          "--project-id",
          "p1",
          "--format",
          format,
          "--output-filename",
          `${dir.path}/${name}`,
        ],
        { env: envFor(lab), cwd: dir.path },
      );
      assert.equal(ran.code, 2, ran.stderr);
      assert.match(ran.stderr, /The output filename ".*elsewhere.*" is an absolute path/);
      assert.equal(lab.requests.length, 0);
      assert.deepEqual(await listFiles(dir.path), []);
    });
  }
});

test("ExportFolderFs refuses absolute paths, paths that climb out and links on the way", async () => {
  await using dir = await tempDir();
  const { ExportFolderFs } = await import("../../lib/model/export_folder_fs.ts");
  await Deno.mkdir(`${dir.path}/out`);
  await Deno.writeTextFile(`${dir.path}/victim.txt`, VICTIM);
  await Deno.symlink(`${dir.path}/victim.txt`, `${dir.path}/out/link.png`);
  const files = new ExportFolderFs(`${dir.path}/out`);
  const bytes = new Uint8Array([1, 2, 3]);
  for (const path of ["/etc/passwd", "../victim.txt", "a/../../victim.txt", "C:x", ""]) {
    await assert.rejects(() => files.writeFile(path, bytes), UnsafePathError);
    await assert.rejects(() => files.remove(path), UnsafePathError);
  }
  await assert.rejects(() => files.readFile("link.png"), UnsafePathError);
  await assert.rejects(() => files.writeFile("link.png/x.png", bytes), UnsafePathError);
  // A write at a link's name replaces the link; the target keeps its bytes.
  await files.writeFile("link.png", bytes);
  assert.equal(await Deno.readTextFile(`${dir.path}/victim.txt`), VICTIM);
  assertSameData(await Deno.readFile(`${dir.path}/out/link.png`), bytes);
});

Deno.test("a file where a reused export folder should be is refused as such, untouched, before any request (exit 2)", async (t) => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [segmentationProject("p1", variedMaskTasks(1))],
  });
  await Deno.writeTextFile(`${dir.path}/export.json`, VICTIM);
  const reuses: [string, string[]][] = [
    ["--incremental", ["--incremental", "export.json"]],
    ["--resume", ["--project-id", "p1", "--output-filename", "export.json", "--resume"]],
    ["--overwrite", ["--project-id", "p1", "--output-filename", "export.json", "--overwrite"]],
  ];
  for (const [flag, args] of reuses) {
    await t.step(flag, async () => {
      const ran = await runCli(["export", ...args], { env: envFor(lab), cwd: dir.path });
      assert.equal(ran.code, 2, ran.stderr);
      assert.match(
        ran.stderr,
        /^error: Refusing the path ".*export\.json": it is a file, where the export folder should be\n$/,
      );
      assert.equal(await Deno.readTextFile(`${dir.path}/export.json`), VICTIM);
    });
  }
  assert.equal(lab.requests.length, 0);
});
