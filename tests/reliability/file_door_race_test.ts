import assert from "../_std/assert.ts";
import { UnsafePathError } from "../../lib/errors.ts";
import { ExportFolderFs } from "../../lib/model/export_folder_fs.ts";
import { DENO_FILE_SYSTEM, type FileSystem } from "../../lib/model/file_system.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";

// Swapping a folder for a link needs POSIX links.
const test = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

const BYTES = new TextEncoder().encode("mask bytes\n");

/**
 * Swaps `<root>/sub` for a link to `outside` and back, again and again (at most 5,000 times),
 * until `stop()`; resolves with the number of swaps once it has stopped.
 */
function swapper(root: string, outside: string) {
  let stopped = false;
  const done = (async () => {
    let swaps = 0;
    while (!stopped && swaps < 5_000) {
      await Deno.rename(`${root}/sub`, `${root}/sub.real`);
      await Deno.symlink(outside, `${root}/sub`);
      swaps++;
      await Promise.resolve();
      await Deno.remove(`${root}/sub`);
      await Deno.rename(`${root}/sub.real`, `${root}/sub`);
    }
    return swaps;
  })();
  return { stop: () => (stopped = true, withDeadline(done, 20_000, "the swapper")) };
}

/** Runs `operation` on each of `count` names; the names whose operation failed, and how. */
async function eachName(count: number, operation: (name: string) => Promise<void>) {
  const refused = new Set<string>();
  for (let i = 0; i < count; i++) {
    const name = `${i}.png`;
    try {
      await operation(name);
    } catch (error) {
      // Refused by the door, or the folder was briefly missing mid-swap.
      const expected = error instanceof UnsafePathError || error instanceof Deno.errors.NotFound;
      assert.ok(expected, `${name}: ${error}`);
      refused.add(name);
    }
  }
  return refused;
}

/** `<dir>/out` for the export folder, and `<dir>/outside` (made, empty) for its links to point at. */
async function raceFolders(dir: string): Promise<{ root: string; outside: string }> {
  await Deno.mkdir(`${dir}/outside`);
  return { root: `${dir}/out`, outside: `${dir}/outside` };
}

/**
 * Starts swapping `<root>/sub` for a link to `outside` and back, runs `operations` (within a
 * minute, named `what` if it does not end), then stops the swapper: the names refused and the
 * number of swaps.
 */
async function underSwaps(
  folders: { root: string; outside: string; what: string },
  operations: () => Promise<Set<string>>,
): Promise<{ refused: Set<string>; swaps: number }> {
  const swapping = swapper(folders.root, folders.outside);
  const refused = await withDeadline(operations(), 60_000, folders.what);
  const swaps = await swapping.stop();
  return { refused, swaps };
}

test("a folder swapped for a link while masks are written: every write that went out is undone or refused", async () => {
  await using dir = await tempDir();
  const { root, outside } = await raceFolders(dir.path);
  const files = new ExportFolderFs(root);
  await files.makeRoot(true);
  await files.writeFile("sub/first.png", BYTES);

  const { refused, swaps } = await underSwaps(
    { root, outside, what: "the writes" },
    () => eachName(400, (name) => files.writeFile(`sub/${name}`, BYTES)),
  );

  assert.ok(swaps > 0 && refused.size > 0, `${swaps} swaps, ${refused.size} refused: no race ran`);
  // A temporary file `.<name>.<random>.tmp` belongs to the write of `<name>`.
  const writeOf = (file: string) => file.replace(/^\.(.+)\.[a-z0-9]+\.tmp$/, "$1");
  const strays = (await listFiles(outside)).filter((file) => !refused.has(writeOf(file)));
  assert.deepEqual(strays, [], "every file outside belongs to a refused write");
  assert.ok(
    (await listFiles(outside)).length < refused.size,
    "most writes that went out are undone",
  );
});

test("a folder swapped for a link while files are removed: no file outside is deleted", async () => {
  await using dir = await tempDir();
  const { root, outside } = await raceFolders(dir.path);
  const files = new ExportFolderFs(root);
  await files.makeRoot(true);
  for (let i = 0; i < 300; i++) {
    await files.writeFile(`sub/${i}.png`, BYTES);
    await Deno.writeTextFile(`${outside}/${i}.png`, `victim ${i}\n`);
  }

  const { refused, swaps } = await underSwaps(
    { root, outside, what: "the removals" },
    () => eachName(300, (name) => files.remove(`sub/${name}`)),
  );

  assert.ok(swaps > 0, `the swapper ran (${refused.size} removals refused)`);
  // A victim is never deleted; put back while the folder is swapped back, it may be moved
  // into the export folder rather than left outside.
  const lost: number[] = [];
  for (let i = 0; i < 300; i++) {
    const texts = await Promise.all(
      [`${outside}/${i}.png`, `${root}/sub/${i}.png`].map((path) =>
        Deno.readTextFile(path).catch(() => "")
      ),
    );
    if (!texts.includes(`victim ${i}\n`)) lost.push(i);
  }
  assert.deepEqual(lost, [], "victims deleted");
});

/** The file calls, but the first `call` into `<root>/sub/` finds `sub` swapped for a link first. */
function swappedAt(call: "writeFile" | "rename", root: string, outside: string): FileSystem {
  let swapped = false;
  const swap = async (path: string) => {
    if (swapped || !path.startsWith(`${root}/sub/`)) return;
    swapped = true;
    await Deno.rename(`${root}/sub`, `${root}/sub.real`);
    await Deno.symlink(outside, `${root}/sub`);
  };
  return {
    ...DENO_FILE_SYSTEM,
    async writeFile(path, bytes, options) {
      if (call === "writeFile") await swap(path);
      return await DENO_FILE_SYSTEM.writeFile(path, bytes, options);
    },
    async rename(from, to) {
      if (call === "rename") await swap(from);
      return await DENO_FILE_SYSTEM.rename(from, to);
    },
  };
}

test("a write whose folder is swapped for a link between check and use is taken back and refused", async () => {
  await using dir = await tempDir();
  const { root, outside } = await raceFolders(dir.path);
  await made(root, "sub/first.png");
  const files = new ExportFolderFs(root, { fileSystem: swappedAt("writeFile", root, outside) });
  const error = await files.writeFile("sub/a.png", BYTES).then(() => undefined, (e) => e);
  assert.ok(error instanceof UnsafePathError, String(error));
  assert.match(error.message, /^Refusing the path "sub": it changed while the export was using it/);
  assert.deepEqual(await listFiles(outside), [], "nothing left outside");
});

test("a removal whose folder is swapped for a link between check and use puts the file back", async () => {
  await using dir = await tempDir();
  const { root, outside } = await raceFolders(dir.path);
  await Deno.writeTextFile(`${outside}/a.png`, "victim\n");
  await made(root, "sub/a.png");
  const files = new ExportFolderFs(root, { fileSystem: swappedAt("rename", root, outside) });
  const error = await files.remove("sub/a.png").then(() => undefined, (e) => e);
  assert.ok(error instanceof UnsafePathError, String(error));
  assert.match(error.message, /^Refusing the path "sub": it changed while the export was using it/);
  assert.equal(await Deno.readTextFile(`${outside}/a.png`), "victim\n");
  const aside = (await listFiles(root)).filter((file) => file.endsWith(".removed.tmp"));
  assert.deepEqual(aside, [], "nothing moved aside is left");
});

/** Makes the export folder `root` with a file at `relative`. */
async function made(root: string, relative: string): Promise<void> {
  const files = new ExportFolderFs(root);
  await files.makeRoot(true);
  await files.writeFile(relative, BYTES);
}
