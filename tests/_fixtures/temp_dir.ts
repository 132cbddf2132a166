/**
 * A temporary folder for a test, removed afterwards: `await using dir = await tempDir();`.
 *
 * @module
 */

/** A temporary folder that removes itself when disposed. */
export interface TempDir extends AsyncDisposable {
  /** The folder's absolute path. */
  path: string;
}

/** Makes a temporary folder; `await using` removes it with everything in it. */
export async function tempDir(): Promise<TempDir> {
  const path = await Deno.makeTempDir({ prefix: "lab-masks-test-" });
  return {
    path,
    async [Symbol.asyncDispose]() {
      await Deno.remove(path, { recursive: true });
    },
  };
}

/** Every file below `root`, as sorted relative paths with `/` separators. */
export async function listFiles(root: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(`${root}/${prefix}`)) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory) files.push(...await listFiles(root, `${relative}/`));
    else files.push(relative);
  }
  return files.sort();
}

/** Every file below `root` but `export.json` (it records the start time), by path, with its bytes. */
export async function folderBytes(root: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const path of await listFiles(root)) {
    if (path !== "export.json") files.set(path, await Deno.readFile(`${root}/${path}`));
  }
  return files;
}

/** The PNG files below `root` (what `listFiles` lists, without the manifest and metadata). */
export async function listPngs(root: string): Promise<string[]> {
  return (await listFiles(root)).filter((file) => file.endsWith(".png"));
}

/**
 * Every file and folder at and below `root`, each with its modification time and size (and a
 * file's sha256): equal before and after a run that wrote, renamed and removed nothing (a folder's
 * time moves when an entry is added or removed in it, even one removed again).
 */
export async function folderState(root: string): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  const visit = async (relative: string) => {
    const path = relative === "" ? root : `${root}/${relative}`;
    const info = await Deno.stat(path);
    let digest = "";
    if (info.isFile) {
      const hash = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
      digest = Array.from(new Uint8Array(hash), (byte) => byte.toString(16).padStart(2, "0"))
        .join("");
    }
    state.set(relative || ".", `${info.mtime?.getTime()} ${info.size} ${digest}`);
    if (!info.isDirectory) return;
    for await (const entry of Deno.readDir(path)) {
      await visit(relative === "" ? entry.name : `${relative}/${entry.name}`);
    }
  };
  await visit("");
  return state;
}
