import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { rawPng } from "../_fixtures/raw_png.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

const WIDTH = 37;
const HEIGHT = 120;

/**
 * Task `i`'s mask: a disc of car (bChannel 1, instance 1) whose radius grows with `i`, a band of
 * road (bChannel 3, instance 2) over rows that repeat, a diagonal of person (bChannel 2) on odd
 * tasks, and pixels of a bChannel no label has (9) that belong to no class. RGB or RGBA.
 */
function tasks(): Task[] {
  return Array.from({ length: 5 }, (_, i) => {
    const channels = i % 2 === 0 ? 3 : 4;
    const data = new Uint8Array(WIDTH * HEIGHT * channels);
    const put = (x: number, y: number, pixel: number[]) =>
      data.set(channels === 4 ? [...pixel, 255] : pixel, (y * WIDTH + x) * channels);
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        if (channels === 4) put(x, y, [0, 0, 0]);
        if ((x - 18) ** 2 + (y - 30) ** 2 <= (6 + 3 * i) ** 2) put(x, y, [1, 1, 1]);
        else if (y >= 70 && y < 90 + i) put(x, y, [2, 2, 3]);
        else if (i % 2 === 1 && x === y % WIDTH) put(x, y, [3, 3, 2]);
        else if (y === 100 && x < 5) put(x, y, [4, 4, 9]);
      }
    }
    const png = writeMaskPng({ width: WIDTH, height: HEIGHT, data }, {
      colourType: channels === 4 ? 6 : 2,
    });
    return maskTask(`t${i}`, `f${i}.jpg`, encodeDataUri(png));
  });
}

/** The README's class table: label id → its pixel share cell. */
function shareCells(readme: string): Map<string, string> {
  const cells = new Map<string, string>();
  for (const line of readme.split("\n")) {
    const row = /^\| (\d+) \| ([^|]+) \|.*\| ([^|]*) \|$/.exec(line);
    if (row && row[1] !== "0") cells.set(row[2].trim(), row[3].trim());
  }
  return cells;
}

async function manifestOf(folder: string) {
  const text = await Deno.readTextFile(`${folder}/manifest.jsonl`);
  return text.trim().split("\n").map((line) => JSON.parse(line));
}

Deno.test("--card fills the pixel-share column without --report: each class's pixels counted in the exported class-index PNGs", async () => {
  await using dir = await tempDir();
  const project = segmentationProject("p1", tasks());
  await exportOnce(project, `${dir.path}/ci`, { maskFormat: "class-index", card: true });
  const folder = `${dir.path}/ci/out`;
  const labelmap = JSON.parse(await Deno.readTextFile(`${folder}/labelmap.json`));
  const idOf = new Map<number, string>(
    labelmap.classes.map((c: { index: number; id: string }) => [c.index, c.id]),
  );

  // Counted here, pixel by pixel, from the PNGs the export wrote.
  const total = new Map<string, number>();
  for (const entry of await manifestOf(folder)) {
    const png = await rawPng(`${folder}/${entry.path}`);
    const mine: Record<string, number> = {};
    for (let p = 0; p < png.width * png.height; p++) {
      const id = idOf.get(png.samples[p]);
      if (id !== undefined) mine[id] = (mine[id] ?? 0) + 1;
    }
    // The manifest records each task's counts, as the PNG holds them.
    assert.deepEqual(entry.labelPixels, mine, entry.path);
    for (const [id, count] of Object.entries(mine)) total.set(id, (total.get(id) ?? 0) + count);
  }
  const sum = [...total.values()].reduce((a, b) => a + b, 0);
  assert.ok(total.size === 3 && sum > 0, JSON.stringify([...total]));

  const readme = await Deno.readTextFile(`${folder}/README.md`);
  const cells = shareCells(readme);
  for (const id of idOf.values()) {
    assert.equal(cells.get(id), `${(((total.get(id) ?? 0) / sum) * 100).toFixed(1)}%`, id);
  }
  assert.doesNotMatch(readme, /Pixel shares are counted as each mask is written/);

  // The default rgb format (its PNGs go through the transcoder) counts the same pixels.
  await exportOnce(project, `${dir.path}/rgb`, { card: true });
  const rgb = await manifestOf(`${dir.path}/rgb/out`);
  const classIndex = await manifestOf(folder);
  assert.deepEqual(
    rgb.map((entry) => entry.labelPixels),
    classIndex.map((entry) => entry.labelPixels),
  );
  assert.deepEqual(shareCells(await Deno.readTextFile(`${dir.path}/rgb/out/README.md`)), cells);

  // Without --card, the manifest has no counts (its bytes are as before).
  await exportOnce(project, `${dir.path}/plain`, { maskFormat: "class-index" });
  for (const entry of await manifestOf(`${dir.path}/plain/out`)) {
    assert.equal(entry.labelPixels, undefined);
  }
});

Deno.test("an incremental --card run keeps the kept tasks' pixel counts; over a run without --card the column stays empty and says why", async () => {
  await using dir = await tempDir();
  const project = segmentationProject("p1", tasks());
  const incremental = (folder: string) => ({
    card: true,
    incremental: folder,
    outputFilename: undefined,
    outputFolder: undefined,
  });

  await exportOnce(project, `${dir.path}/a`, { maskFormat: "class-index", card: true });
  const carded = `${dir.path}/a/out`;
  const before = await Deno.readTextFile(`${carded}/README.md`);
  const counts = (await manifestOf(carded)).map((entry) => entry.labelPixels);
  await exportOnce(project, `${dir.path}/a`, incremental(carded));
  assert.deepEqual((await manifestOf(carded)).map((entry) => entry.labelPixels), counts);
  assert.deepEqual(shareCells(await Deno.readTextFile(`${carded}/README.md`)), shareCells(before));
  assert.ok([...shareCells(before).values()].every((cell) => /^\d+\.\d%$/.test(cell)));

  await exportOnce(project, `${dir.path}/b`, { maskFormat: "class-index" });
  const plain = `${dir.path}/b/out`;
  await exportOnce(project, `${dir.path}/b`, incremental(plain));
  const readme = await Deno.readTextFile(`${plain}/README.md`);
  assert.ok([...shareCells(readme).values()].every((cell) => cell === ""), readme);
  assert.match(readme, /some tasks were kept from a run without it/);
});
