import assert from "../_std/assert.ts";
import { writeFileAtomic } from "../../lib/model/write_file_atomic.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";

Deno.test("writeFileAtomic() leaves the complete file and no temporary file", async () => {
  await using dir = await tempDir();
  await writeFileAtomic(`${dir.path}/a.png`, new Uint8Array([1, 2, 3]));
  await writeFileAtomic(`${dir.path}/a.png`, new Uint8Array([4, 5]));
  assert.deepEqual(await listFiles(dir.path), ["a.png"]);
  assert.deepEqual([...await Deno.readFile(`${dir.path}/a.png`)], [4, 5]);
});

Deno.test("writeFileAtomic() leaves nothing behind when the rename fails", async () => {
  await using dir = await tempDir();
  await Deno.mkdir(`${dir.path}/taken.png`);
  await Deno.writeTextFile(`${dir.path}/taken.png/inside`, "x");
  await assert.rejects(writeFileAtomic(`${dir.path}/taken.png`, new Uint8Array([1])));
  assert.deepEqual(await listFiles(dir.path), ["taken.png/inside"]);
});
