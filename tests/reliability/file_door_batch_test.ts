import assert from "../_std/assert.ts";
import { UnsafePathError } from "../../lib/errors.ts";
import { ExportFolderFs } from "../../lib/model/export_folder_fs.ts";
import { DENO_FILE_SYSTEM, type FileSystem } from "../../lib/model/file_system.ts";
import { FileWriteFailure } from "../../lib/model/swap_checked.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";

// Swapping a folder for a link needs POSIX links.
const posix = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

const NAMES = ["a", "b", "c", "d", "e"];

/** A task's five files in `sub/`, each holding its own name. */
function batchOf(folder = "sub") {
  return NAMES.map((name) => ({
    relative: `${folder}/${name}.png`,
    bytes: new TextEncoder().encode(`${name}\n`),
  }));
}

/** The file calls, counting the `lstat`s made. */
function countingLstats(): { fileSystem: FileSystem; lstats: () => number } {
  let count = 0;
  const fileSystem: FileSystem = {
    ...DENO_FILE_SYSTEM,
    lstat(path) {
      count++;
      return DENO_FILE_SYSTEM.lstat(path);
    },
  };
  return { fileSystem, lstats: () => count };
}

Deno.test("a task's files written together are each complete, and share the checks of their folder", async () => {
  await using dir = await tempDir();
  const root = `${dir.path}/out`;
  const { fileSystem, lstats } = countingLstats();
  const files = new ExportFolderFs(root, { fileSystem });
  await files.makeRoot(true);
  await files.writeFiles(batchOf());
  const before = lstats();
  await files.writeFiles(batchOf());

  for (const name of NAMES) {
    assert.equal(await Deno.readTextFile(`${root}/sub/${name}.png`), `${name}\n`);
  }
  assert.deepEqual(
    await listFiles(root),
    NAMES.map((name) => `sub/${name}.png`),
    "no temporary file",
  );
  // The root once at the start; each temporary file; the root and `sub` before the renames and
  // after; each file where it landed. One file at a time, that is seven a file: 35.
  assert.equal(lstats() - before, 1 + 5 + 2 + 2 + 5);
});

Deno.test("a batch whose third file cannot be written writes none of its files, and names the third", async () => {
  await using dir = await tempDir();
  const root = `${dir.path}/out`;
  const failing: FileSystem = {
    ...DENO_FILE_SYSTEM,
    async writeFile(path, bytes, options) {
      if (!path.includes(".c.png.")) return await DENO_FILE_SYSTEM.writeFile(path, bytes, options);
      await DENO_FILE_SYSTEM.writeFile(path, bytes.subarray(0, 1), options);
      throw new Error("No space left on device");
    },
  };
  const files = new ExportFolderFs(root, { fileSystem: failing });
  await files.makeRoot(true);

  const error = await files.writeFiles(batchOf()).then(() => undefined, (e) => e);

  assert.ok(error instanceof FileWriteFailure, String(error));
  assert.equal(error.relative, "sub/c.png");
  assert.match(error.message, /^"sub\/c\.png" cannot be written: No space left on device$/);
  assert.deepEqual(await listFiles(root), [], "no file, no temporary file left");
});

Deno.test("writeFile() of one file throws what the write threw, not the batch's failure", async () => {
  await using dir = await tempDir();
  const files = new ExportFolderFs(`${dir.path}/out`);
  await files.makeRoot(true);
  await Deno.symlink(dir.path, `${dir.path}/out/sub`);
  const error = await files.writeFile("sub/a.png", new Uint8Array([1])).then(
    () => undefined,
    (e) => e,
  );
  assert.ok(error instanceof UnsafePathError, String(error));
  assert.match(
    error.message,
    /^Refusing the path "sub": it is a symbolic link inside the export folder/,
  );
});

/** The file calls, but `sub` is swapped for a link to `outside` at the `at`-th call of `call`. */
function swappedAt(call: "writeFile" | "rename", at: number, root: string, outside: string) {
  let calls = 0;
  const swap = async () => {
    if (++calls !== at) return;
    await Deno.rename(`${root}/sub`, `${root}/sub.real`);
    await Deno.symlink(outside, `${root}/sub`);
  };
  const fileSystem: FileSystem = {
    ...DENO_FILE_SYSTEM,
    async writeFile(path, bytes, options) {
      if (call === "writeFile") await swap();
      return await DENO_FILE_SYSTEM.writeFile(path, bytes, options);
    },
    async rename(from, to) {
      if (call === "rename") await swap();
      return await DENO_FILE_SYSTEM.rename(from, to);
    },
  };
  return fileSystem;
}

/** Writes a batch into `<dir>/out/sub` while `sub` is swapped as `swapping` says: the error. */
async function batchUnderSwap(
  dir: string,
  swapping: (root: string, outside: string) => FileSystem,
): Promise<FileWriteFailure> {
  const root = `${dir}/out`;
  await Deno.mkdir(`${dir}/outside`);
  const files = new ExportFolderFs(root, { fileSystem: swapping(root, `${dir}/outside`) });
  await files.makeRoot(true);
  const error = await files.writeFiles(batchOf()).then(() => undefined, (e) => e);
  assert.ok(error instanceof FileWriteFailure, String(error));
  assert.ok(error.cause instanceof UnsafePathError, String(error.cause));
  assert.match(error.cause.message, /^Refusing the path "sub": it changed while the export/);
  return error;
}

posix(
  "a batch whose folder is swapped for a link while its files are written renames none and leaves nothing outside",
  async () => {
    await using dir = await tempDir();
    await batchUnderSwap(dir.path, (root, outside) => swappedAt("writeFile", 3, root, outside));
    assert.deepEqual(
      await listFiles(`${dir.path}/outside`),
      [],
      "the files written out are removed",
    );
    const landed = (await listFiles(`${dir.path}/out/sub.real`)).filter((f) => !f.endsWith(".tmp"));
    assert.deepEqual(landed, [], "no file renamed into place");
  },
);

posix(
  "a batch whose folder is swapped for a link between its renames leaves nothing outside",
  async () => {
    await using dir = await tempDir();
    await batchUnderSwap(dir.path, (root, outside) => swappedAt("rename", 3, root, outside));
    assert.deepEqual(await listFiles(`${dir.path}/outside`), [], "nothing outside");
    const landed = (await listFiles(`${dir.path}/out/sub.real`)).filter((f) => !f.endsWith(".tmp"));
    assert.deepEqual(landed, ["a.png", "b.png"], "the files renamed before the swap");
  },
);

Deno.test("a batch replaces the files there, and a rename that fails keeps the files renamed before it and leaves no temporary file", async () => {
  await using dir = await tempDir();
  const root = `${dir.path}/out`;
  const files = new ExportFolderFs(root);
  await files.makeRoot(true);
  await files.writeFiles(batchOf());
  const again = batchOf().map((file) => ({ ...file, bytes: new TextEncoder().encode("again\n") }));
  // A folder where `c.png` goes: its rename fails.
  await Deno.remove(`${root}/sub/c.png`);
  await Deno.mkdir(`${root}/sub/c.png`);
  await Deno.writeTextFile(`${root}/sub/c.png/inside`, "x");

  const error = await files.writeFiles(again).then(() => undefined, (e) => e);

  assert.ok(error instanceof FileWriteFailure, String(error));
  assert.equal(error.relative, "sub/c.png");
  assert.deepEqual(await listFiles(root), [
    "sub/a.png",
    "sub/b.png",
    "sub/c.png/inside",
    "sub/d.png",
    "sub/e.png",
  ]);
  assert.equal(await Deno.readTextFile(`${root}/sub/b.png`), "again\n", "replaced");
  assert.equal(
    await Deno.readTextFile(`${root}/sub/d.png`),
    "d\n",
    "not renamed after the failure",
  );
});
