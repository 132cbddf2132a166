import assert from "../_std/assert.ts";
import { UnsafePathError } from "../../lib/errors.ts";
import { ExportFolderFs } from "../../lib/model/export_folder_fs.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { segmentationProject } from "../_fixtures/project.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { envFor, exportFrom, runCli, variedMaskTasks } from "./_fixtures.ts";

// Links and named pipes are POSIX ones here.
const test = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

async function mkfifo(path: string): Promise<void> {
  const made = await new Deno.Command("mkfifo", { args: [path] }).output();
  assert.equal(made.code, 0, new TextDecoder().decode(made.stderr));
}

/** A finished export of 3 tasks in `<dir>/out`, then what an attacker plants in it. */
async function plantedExport(dir: string) {
  const lab = await startFakeLab({ projects: [segmentationProject("p1", variedMaskTasks(3))] });
  await exportFrom(lab, dir);
  await Deno.mkdir(`${dir}/.git`);
  await Deno.writeTextFile(`${dir}/.git/config`, "token = ghp_secret\n");
  await Deno.symlink("../.git/config", `${dir}/out/notes.txt`);
  await Deno.symlink(dir, `${dir}/out/extra`);
  await Deno.symlink("/etc/hostname", `${dir}/out/scene/deep.png`);
  await Deno.remove(`${dir}/out/scene/0.jpg.png`);
  await mkfifo(`${dir}/out/scene/0.jpg.png`);
  return lab;
}

const NAMED = new RegExp(
  'Refusing the path ".*/out": it holds what an export never writes: extra \\(a symbolic link\\), ' +
    "notes\\.txt \\(a symbolic link\\), scene/0\\.jpg\\.png \\(not a regular file: a pipe, socket " +
    "or device\\), scene/deep\\.png \\(a symbolic link\\)\\.",
);

for (const mode of ["--resume", "--incremental", "--overwrite"]) {
  test(`${mode} refuses a folder holding links or a pipe anywhere, naming each, before any request (exit 2)`, async () => {
    await using dir = await tempDir();
    await using lab = await plantedExport(dir.path);
    const before = lab.requests.length;
    const mask = await Deno.readFile(`${dir.path}/out/scene/1.jpg.png`);
    const args = mode === "--incremental"
      ? ["export", "--project-id", "p1", "--incremental", "out"]
      : ["export", "--project-id", "p1", "--output-filename", "out", mode];
    const ran = await withDeadline(
      runCli(args, { env: envFor(lab), cwd: dir.path }),
      60_000,
      `the CLI with ${mode}`,
    );
    assert.equal(ran.code, 2, ran.stderr);
    assert.match(ran.stderr, NAMED);
    assert.equal(lab.requests.length, before, "refused before any request");
    assert.deepEqual(
      await Deno.readFile(`${dir.path}/out/scene/1.jpg.png`),
      mask,
      "nothing removed",
    );
    assert.equal(await Deno.readTextFile(`${dir.path}/.git/config`), "token = ghp_secret\n");
  });
}

test("exportMasks() with resume refuses the same folder with an UnsafePathError naming its mode", async () => {
  await using dir = await tempDir();
  await using lab = await plantedExport(dir.path);
  const error = await withDeadline(
    exportFrom(lab, dir.path, { resume: true }).then(() => undefined, (error) => error),
    60_000,
    "the export",
  );
  assert.ok(error instanceof UnsafePathError, String(error));
  assert.equal(error.setting, "resume");
  assert.match(error.message, NAMED);
});

test("ExportFolderFs refuses to read a named pipe, at once, naming it", async () => {
  await using dir = await tempDir();
  await Deno.mkdir(`${dir.path}/sub`);
  await mkfifo(`${dir.path}/sub/a.png`);
  const files = new ExportFolderFs(dir.path);
  for (const read of [() => files.readFile("sub/a.png"), () => files.openFile("sub/a.png")]) {
    const error = await withDeadline(read().then(() => undefined, (e) => e), 10_000, "the read");
    assert.ok(error instanceof UnsafePathError, String(error));
    assert.match(error.message, /^Refusing the path "sub\/a\.png": it is not a regular file/);
  }
});
