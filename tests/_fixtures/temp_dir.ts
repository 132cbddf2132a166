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

/** The PNG files below `root` (what `listFiles` lists, without the manifest and metadata). */
export async function listPngs(root: string): Promise<string[]> {
  return (await listFiles(root)).filter((file) => file.endsWith(".png"));
}
