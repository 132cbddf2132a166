import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { outputWithin } from "../_fixtures/deadline.ts";
import { runCliProcess } from "../_fixtures/run_cli.ts";

/** Task `i`'s 4×2 mask: instance 1 of bChannel 1 on its first `1 + i` pixels. */
function tasks(count: number, shift = 0): Task[] {
  return Array.from({ length: count }, (_, i) => {
    const data = new Uint8Array(4 * 2 * 3);
    for (let p = 0; p < 1 + i + shift; p++) data.set([1, 1, 1], p * 3);
    const png = writeMaskPng({ width: 4, height: 2, data }, { colourType: 2 });
    return maskTask(`t${i}`, `f${i}.jpg`, encodeDataUri(png));
  });
}

// Links and named pipes are POSIX ones here.
Deno.test(
  "diff names a planted link and a FIFO among the listed masks, reads neither, and exits 1",
  {
    ignore: Deno.build.os === "windows",
  },
  async () => {
    await using dir = await tempDir();
    const project = segmentationProject("p1", tasks(3));
    await exportOnce(project, `${dir.path}/old`, { maskFormat: "class-index" });
    // Every task changes by one pixel, so diff reads every mask on both sides.
    await exportOnce(segmentationProject("p1", tasks(3, 1)), `${dir.path}/new`, {
      maskFormat: "class-index",
    });
    const fresh = `${dir.path}/new/out`;
    // The new export's f1 mask becomes a link to a file outside; its f2 mask a FIFO, which a
    // reader would wait on for ever (the process deadline turns that into a failure).
    await Deno.writeTextFile(`${dir.path}/secret.txt`, "not a mask");
    await Deno.remove(`${fresh}/f1.jpg.png`);
    await Deno.symlink(`${dir.path}/secret.txt`, `${fresh}/f1.jpg.png`);
    await Deno.remove(`${fresh}/f2.jpg.png`);
    const fifo = await outputWithin("mkfifo", { args: [`${fresh}/f2.jpg.png`] }, 30_000, "mkfifo");
    assert.equal(fifo.code, 0, new TextDecoder().decode(fifo.stderr));

    const ran = await runCliProcess(["diff", "old/out", "new/out"], { cwd: dir.path });
    assert.equal(ran.code, 1, ran.stderr);
    assert.match(
      ran.stdout,
      /^ {2}not read: "f1\.jpg\.png" in "new\/out" \(a symbolic link, not followed\)$/m,
    );
    assert.match(
      ran.stdout,
      /^ {2}not read: "f2\.jpg\.png" in "new\/out" \(not a regular file, not followed\)$/m,
    );
    assert.doesNotMatch(ran.stdout, /not read: "f0\.jpg\.png"/);
    // Only f0 is read on both sides: its one changed pixel is counted; the refused ones count none.
    assert.match(ran.stdout, /^Tasks: 0 added, 0 removed, 3 changed, 0 unchanged$/m);
    assert.match(ran.stdout, /^ {2}changed: "f0\.jpg" \(t0\): 1 pixels$/m);
    assert.match(ran.stdout, /^ {2}changed: "f1\.jpg" \(t1\): 0 pixels$/m);

    const json = await runCliProcess(["diff", "old/out", "new/out", "--json"], { cwd: dir.path });
    assert.equal(json.code, 1, json.stderr);
    const refused = JSON.parse(json.stdout).refused as { folder: string; path: string }[];
    assert.deepEqual(refused.map((file) => [file.folder, file.path]).sort(), [
      ["new/out", "f1.jpg.png"],
      ["new/out", "f2.jpg.png"],
    ]);

    // The old export alone, against itself: every file read, nothing refused, exit 0.
    const same = await runCliProcess(["diff", "old/out", "old/out"], { cwd: dir.path });
    assert.equal(same.code, 0, same.stderr);
    assert.doesNotMatch(same.stdout, /not read/);
  },
);
