/**
 * One export at a time in a folder: a run that finds another one writing the folder (another
 * process holding `.lab-masks.lock`) is refused before it changes or reads anything; the lock
 * goes with the run, even one killed outright; dry runs are never refused.
 */
import assert from "../_std/assert.ts";
import { join } from "../../lib/_std/path.ts";
import { errorWith } from "../_std/error_with.ts";
import { ConfigError, UnsafePathError } from "../../lib/errors.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { verifyExport } from "../../lib/dataset/verify_export.ts";
import { ExportFolderFs } from "../../lib/model/export_folder_fs.ts";
import { FOLDER_LOCK_NAME, FolderLock } from "../../lib/model/folder_lock.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";
import { DEMO_SEGMENTATION_PROJECT, demoProjects } from "../../testing/demo_projects.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { clientOf } from "../_fixtures/lab_client.ts";

/** The demo project exported into `<folder>/out` with `options`. */
function exportInto(lab: FakeLab, folder: string, options: Partial<ExportMasksOptions> = {}) {
  return exportMasks({
    client: clientOf(lab),
    projectId: DEMO_SEGMENTATION_PROJECT,
    outputFolder: folder,
    outputFilename: "out",
    ...options,
  });
}

/** Another process holding the folder's lock, as a running export does, until it is killed. */
async function lockHolder(folder: string): Promise<Deno.ChildProcess> {
  const code = `const file = await Deno.open(${JSON.stringify(`${folder}/${FOLDER_LOCK_NAME}`)}, ` +
    `{ create: true, write: true }); await file.lock(true); console.log("held"); ` +
    `await new Promise(() => setInterval(() => {}, 1000));`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", code],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.getReader();
  const { value } = await reader.read();
  assert.equal(new TextDecoder().decode(value).trim(), "held");
  reader.releaseLock();
  return child;
}

/** Each file's bytes, by path, to show a refused run changed nothing. */
async function contents(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const path of await listFiles(folder)) {
    files[path] = new TextDecoder().decode(await Deno.readFile(`${folder}/${path}`));
  }
  return files;
}

Deno.test("an export holds its folder while it writes, and leaves no lock behind", async () => {
  await using lab = await startFakeLab({ projects: demoProjects() });
  await using dir = await tempDir();
  const seen: boolean[] = [];
  const summary = await exportInto(lab, dir.path, {
    // While tasks are written, the lock file is there.
    onProgress: () => seen.push(exists(`${dir.path}/out/${FOLDER_LOCK_NAME}`)),
  });
  assert.ok(summary.exported > 0);
  assert.ok(seen.includes(true), "the lock file is there during the run");
  assert.ok(!(await listFiles(dir.path)).some((path) => path.endsWith(FOLDER_LOCK_NAME)));
  assert.equal((await verifyExport(`${dir.path}/out`)).intact, true);
});

Deno.test("while another process writes the folder, --resume, --incremental and --overwrite are refused, changing nothing", async (t) => {
  await using lab = await startFakeLab({ projects: demoProjects() });
  await using dir = await tempDir();
  await exportInto(lab, dir.path);
  // As the export names it: with the platform's separator.
  const folder = join(dir.path, "out");
  const holder = await lockHolder(folder);
  try {
    const before = await contents(folder);
    const requests = lab.requests.length;
    const runs: [string, Partial<ExportMasksOptions>][] = [
      ["resume", { resume: true }],
      ["incremental", { incremental: folder, outputFolder: undefined, outputFilename: undefined }],
      ["overwrite", { overwrite: true }],
    ];
    for (const [name, options] of runs) {
      await t.step(name, async () => {
        await assert.rejects(
          exportInto(lab, dir.path, options),
          (error: unknown) => {
            errorWith(
              ConfigError,
              `Another export is writing "${folder}" (it holds .lab-masks.lock there)`,
            )(error);
            assert.equal(
              (error as ConfigError).setting,
              name === "incremental" ? "incremental" : "outputFolder",
            );
            return true;
          },
        );
        assert.deepEqual(await contents(folder), before);
      });
    }
    // Resume and update are refused before any request; overwrite once the project is known.
    assert.ok(lab.requests.slice(requests).every((request) => !request.path.endsWith("/tasks")));
    await t.step("a dry run only reads: it is not refused", async () => {
      const planned = await exportInto(lab, dir.path, { resume: true, dryRun: true });
      assert.equal(planned.dryRun, true);
      assert.deepEqual(await contents(folder), before);
    });
  } finally {
    holder.kill("SIGKILL");
    await holder.status;
  }
  await t.step("once the holder is killed, its lock file is taken over and removed", async () => {
    assert.ok(exists(`${folder}/${FOLDER_LOCK_NAME}`), "a killed run leaves its lock file");
    assert.equal((await verifyExport(folder)).intact, true, "verify passes over a lock file");
    const summary = await exportInto(lab, dir.path, { overwrite: true });
    assert.ok(summary.exported > 0);
    assert.ok(!exists(`${folder}/${FOLDER_LOCK_NAME}`));
  });
});

Deno.test("FolderLock refuses a second holder, and a link or a folder at its name", async () => {
  await using dir = await tempDir();
  const files = new ExportFolderFs(dir.path);
  const first = await FolderLock.take(files, "outputFolder");
  await assert.rejects(FolderLock.take(files, "resume"), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.setting, "resume");
    return true;
  });
  await first.release();
  assert.deepEqual(await listFiles(dir.path), []);
  // Released, the folder can be taken again.
  await (await FolderLock.take(files, "outputFolder")).release();

  await Deno.mkdir(`${dir.path}/${FOLDER_LOCK_NAME}`);
  await assert.rejects(
    FolderLock.take(files, "outputFolder"),
    errorWith(UnsafePathError, "not a regular file"),
  );
  await Deno.remove(`${dir.path}/${FOLDER_LOCK_NAME}`);
  // Links on Windows need a privilege and a kind; the other link tests skip them there too.
  if (Deno.build.os === "windows") return;
  await Deno.writeTextFile(`${dir.path}/target.txt`, "not the export's\n");
  await Deno.symlink(`${dir.path}/target.txt`, `${dir.path}/${FOLDER_LOCK_NAME}`);
  await assert.rejects(
    FolderLock.take(files, "outputFolder"),
    errorWith(UnsafePathError, FOLDER_LOCK_NAME),
  );
  assert.equal(await Deno.readTextFile(`${dir.path}/target.txt`), "not the export's\n");
});

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
