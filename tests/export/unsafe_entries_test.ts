import { pathToFileURL as toFileUrl } from "node:url";
import assert from "../_std/assert.ts";
import { UnsafePathError } from "../../lib/errors.ts";
import { ConvertPool } from "../../lib/export/_convert_pool.ts";
import { refuseUnsafeEntries, unsafeEntries } from "../../lib/export/_reused_folder_check.ts";
import { ExportFolderFs } from "../../lib/model/export_folder_fs.ts";
import { DENO_FILE_SYSTEM } from "../../lib/model/file_system.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

// Links and named pipes are POSIX ones here.
const test = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

/** A folder of files two deep, with a link, a link to a folder and a pipe among them. */
async function plantedFolder(root: string): Promise<void> {
  await Deno.mkdir(`${root}/scene/deep`, { recursive: true });
  for (const path of ["a.png", "scene/b.png", "scene/deep/c.png", "manifest.jsonl"]) {
    await Deno.writeTextFile(`${root}/${path}`, "x");
  }
  await Deno.symlink("/etc/hostname", `${root}/scene/deep/link.png`);
  await Deno.symlink(root, `${root}/scene/loop`);
  const made = await new Deno.Command("mkfifo", { args: [`${root}/pipe.png`] }).output();
  assert.equal(made.code, 0, new TextDecoder().decode(made.stderr));
}

const PLANTED = [
  "pipe.png (not a regular file: a pipe, socket or device)",
  "scene/deep/link.png (a symbolic link)",
  "scene/loop (a symbolic link)",
];

test("a worker of the pool lists a folder's links and pipes as this thread does", async () => {
  await using dir = await tempDir();
  await plantedFolder(dir.path);
  const here = await unsafeEntries((folder) => Deno.readDir(`${dir.path}/${folder}`));
  using pool = new ConvertPool({ size: 1 });
  assert.equal(pool.inThread, false, "workers start here");
  const there = await withDeadline(pool.unsafeEntries(dir.path), 60_000, "the worker's walk");
  assert.deepEqual(here.sort(), PLANTED);
  assert.deepEqual(there.sort(), PLANTED);
});

test("refuseUnsafeEntries() names what a listing elsewhere found, and walks here when it fails", async () => {
  await using dir = await tempDir();
  await plantedFolder(dir.path);
  const files = new ExportFolderFs(dir.path);
  const refusal = async (listed?: () => Promise<string[]>) => {
    const error = await refuseUnsafeEntries(files, "incremental", listed).then(
      () => undefined,
      (error) => error,
    );
    assert.ok(error instanceof UnsafePathError, String(error));
    assert.equal(error.setting, "incremental");
    return error.message;
  };
  const walkedHere = await refusal();
  assert.match(walkedHere, /scene\/deep\/link\.png \(a symbolic link\)/);
  // Listed elsewhere, in any order: the same message.
  assert.equal(await refusal(() => Promise.resolve([...PLANTED].reverse())), walkedHere);
  // A listing that fails (a worker that cannot read the folder) leaves the walk to this thread.
  assert.equal(await refusal(() => Promise.reject(new Error("no read"))), walkedHere);
  // Nothing found elsewhere: nothing refused.
  await refuseUnsafeEntries(files, "incremental", () => Promise.resolve([]));
});

test("a pool started ahead walks on its loaded workers, and on this thread when they fail to load", async () => {
  await using dir = await tempDir();
  await plantedFolder(dir.path);
  {
    using pool = new ConvertPool({ size: 2 });
    pool.start();
    const found = await withDeadline(pool.unsafeEntries(dir.path), 60_000, "the walk");
    assert.deepEqual(found.sort(), PLANTED);
    assert.equal(pool.inThread, false);
  }
  const failing = `${dir.path}/failing_worker.js`;
  await Deno.writeTextFile(failing, 'throw new Error("this worker cannot start");\n');
  using pool = new ConvertPool({ size: 2, workerUrl: toFileUrl(failing) });
  pool.start();
  const walks = [1, 2, 3].map(() => pool.unsafeEntries(dir.path));
  const found = await withDeadline(Promise.all(walks), 60_000, "the walks");
  for (const one of found) assert.deepEqual(one.sort(), PLANTED);
  assert.equal(pool.inThread, true, "the workers failed, the walks ran here");
});

/** `Deno.readDir` of `root`'s folders, by their path from it or whole; listing `scene` fails. */
function failingAtScene(root: string, fault: Error) {
  return (path: string): AsyncIterable<Deno.DirEntry> => {
    const relative = path.startsWith(root) ? path.slice(root.length + 1) : path;
    if (relative === "scene") throw fault;
    return Deno.readDir(`${root}/${relative}`);
  };
}

test("the walk skips a folder removed while it runs, and names one it cannot list", async () => {
  await using dir = await tempDir();
  await plantedFolder(dir.path);
  // scene/ went away between its listing and its walk: what it held is gone with it.
  const gone = new Deno.errors.NotFound("readdir 'scene'");
  assert.deepEqual(await unsafeEntries(failingAtScene(dir.path, gone)), [PLANTED[0]]);

  const denied = new Deno.errors.PermissionDenied("Permission denied (os error 13)");
  const fileSystem = { ...DENO_FILE_SYSTEM, readDir: failingAtScene(dir.path, denied) };
  const files = new ExportFolderFs(dir.path, { fileSystem });
  const error = await refuseUnsafeEntries(files, "resume").then(() => undefined, (e) => e);
  assert.ok(error instanceof UnsafePathError, String(error));
  assert.equal(error.setting, "resume");
  assert.equal(
    error.message,
    `Refusing the path ${JSON.stringify(dir.path)}: cannot list scene: Permission denied ` +
      "(os error 13); an export needs to read every folder in it",
  );
});
