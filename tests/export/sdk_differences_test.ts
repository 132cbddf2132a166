/**
 * Where the SDK exports what we once refused, seen as a user sees it: the files written, the
 * manifest, the closing summary and the exit code.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import type { ProjectConfiguration, Task } from "../../lib/api/types.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeChunk } from "../../lib/png/_chunks.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { LABELS, segmentationConfiguration } from "../_fixtures/project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

/** A 3×2 mask: instance 1 of bChannel 1 in the first column. */
const MASK_3X2 = encodeDataUri(writeMaskPng({
  width: 3,
  height: 2,
  data: new Uint8Array([1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]),
}, { colourType: 2 }));

function manifestLines(text: string): Record<string, unknown>[] {
  return text.trim().split("\n").map((line) => JSON.parse(line));
}

Deno.test("a mask whose size differs from data.body.image is exported at its own size, with a warning in the manifest and the summary", async () => {
  await using dir = await tempDir();
  const tasks: Task[] = [
    {
      _id: "t1",
      name: "a.jpg",
      data: { body: { mask: MASK_3X2, image: { width: 6, height: 4 } } },
    },
    {
      _id: "t2",
      name: "b.jpg",
      data: { body: { mask: MASK_3X2, image: { width: 3, height: 2 } } },
    },
  ];
  await using lab = await startFakeLab({
    projects: [{ configuration: segmentationConfiguration("seg"), tasks }],
  });
  const args = ["export", "--project-id", "seg", "--output-folder", dir.path];
  const ran = await runCli([...args, "--output-filename", "out"], labEnv(lab));
  assertEquals(ran.code, 0, ran.stderr);
  const image = await decodePng(await Deno.readFile(`${dir.path}/out/a.jpg.png`));
  assertEquals([image.width, image.height], [3, 2]);
  const warning = "the mask is 3×2 but the task's image is 6×4; it was exported at its own size";
  const [first, second] = manifestLines(await Deno.readTextFile(`${dir.path}/out/manifest.jsonl`));
  assertEquals([first.outcome, first.warning, first.width], ["exported", warning, 3]);
  assertEquals([second.outcome, "warning" in second], ["exported", false]);
  assert.ok(
    ran.stdout.includes("2 tasks: 2 exported, 0 skipped (no mask), 0 failed, 1 with a warning"),
    ran.stdout,
  );
  // Once as it happens, once in the closing summary.
  const line = `warning: "a.jpg" (t1): ${warning}`;
  assertEquals([ran.stderr.split(line).length, ran.stdout.split(line).length], [2, 2], ran.stdout);

  const json = await runCli([...args, "--output-filename", "json", "--json"], labEnv(lab));
  assertEquals(json.code, 0, json.stderr);
  const summary = JSON.parse(json.stdout);
  assertEquals(summary.warnings.map((task: { taskId: string }) => task.taskId), ["t1"]);
  assertEquals(summary.warnings[0].warning, warning);
});

function labelled(labelId: string) {
  return { Objects: { labels: [{ id: labelId, name: labelId }] } };
}

/** A 4×2 image: a car on the left half, an unlabeled box in the middle, a person on the right. */
const VECTOR_BODY = {
  image: { width: 4, height: 2 },
  annotations: [
    { id: "a1", labels: labelled("car"), polygons: [{ geometry: { vertices: [0, 0, 0.5, 1] } }] },
    { id: "a2", labels: {}, polygons: [{ geometry: { vertices: [0.25, 0, 0.75, 1] } }] },
    {
      id: "a3",
      labels: labelled("person"),
      polygons: [{ geometry: { vertices: [0.75, 0, 1, 1] } }],
    },
  ],
};

const RECTANGLES: ProjectConfiguration = {
  projectId: "rect",
  projectType: "iat-rectangle",
  metadata: { labelOptions: { availableLabels: { objects: LABELS } } },
};

async function rows(path: string): Promise<string[]> {
  const image = await decodePng(await Deno.readFile(path));
  const lines: string[] = [];
  for (let y = 0; y < image.height; y++) {
    const row = [];
    for (let x = 0; x < image.width; x++) {
      const [r, , b] = image.data.subarray((y * image.width + x) * 3);
      row.push(r === 0 ? "." : `${r}${b}`);
    }
    lines.push(row.join(" "));
  }
  return lines;
}

Deno.test("an annotation without a label is left out of a rectangle task's mask, said once, and the rest is kept", async () => {
  await using dir = await tempDir();
  const tasks: Task[] = [
    { _id: "t1", name: "t1.jpg", data: { body: VECTOR_BODY } },
    {
      _id: "t2",
      name: "t2.jpg",
      data: { body: { ...VECTOR_BODY, annotations: [...VECTOR_BODY.annotations, { id: 9 }] } },
    },
  ];
  await using lab = await startFakeLab({ projects: [{ configuration: RECTANGLES, tasks }] });
  const ran = await runCli(
    ["export", "--project-id", "rect", "--output-folder", dir.path, "--output-filename", "out"],
    labEnv(lab),
  );
  assertEquals(ran.code, 0, ran.stderr + ran.stdout);
  // Instance ids stay the annotations' positions: 1 (car, bChannel 1) and 3 (person, 2).
  assertEquals(await rows(`${dir.path}/out/t1.jpg.png`), ["11 11 . 32", "11 11 . 32"]);
  const one = 'warning: "t1.jpg" (t1): annotation "a2" has no label, so it was left out';
  assertEquals([ran.stderr.split(one).length, ran.stdout.split(one).length], [2, 2], ran.stdout);
  assert.ok(
    ran.stdout.includes(
      'warning: "t2.jpg" (t2): 2 annotations have no label ("a2", "9"), so they were left out',
    ),
    ran.stdout,
  );
  assert.ok(!ran.stdout.includes("cannot be read"), ran.stdout);
});

Deno.test("a vector task's annotations that cannot be drawn are named as such, not as a mask that cannot be read", async () => {
  await using dir = await tempDir();
  const body = {
    image: { width: 4, height: 2 },
    annotations: [{ id: "a1", labels: labelled("car"), polygons: [] }],
  };
  await using lab = await startFakeLab({
    projects: [{
      configuration: RECTANGLES,
      tasks: [{ _id: "t1", name: "t1.jpg", data: { body } }],
    }],
  });
  const ran = await runCli(
    ["export", "--project-id", "rect", "--output-folder", dir.path],
    labEnv(lab),
  );
  assertEquals(ran.code, 1, ran.stderr + ran.stdout);
  assert.ok(
    ran.stdout.includes(
      `failed: "t1.jpg" (t1): its annotations cannot be drawn: annotation "a1" has no shape in "polygons"`,
    ),
    ran.stdout,
  );
});

Deno.test("--format coco leaves out an annotation without a label and says so once for its task", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [{
      configuration: RECTANGLES,
      tasks: [{ _id: "t1", name: "t1.jpg", data: { body: VECTOR_BODY } }],
    }],
  });
  const ran = await runCli(
    [
      "export",
      "--project-id",
      "rect",
      "--format",
      "coco",
      "--output-folder",
      dir.path,
      "--output-filename",
      "c.json",
    ],
    labEnv(lab),
  );
  assertEquals(ran.code, 0, ran.stderr + ran.stdout);
  const coco = JSON.parse(await Deno.readTextFile(`${dir.path}/c.json`));
  assertEquals(coco.annotations.length, 2);
  assert.ok(ran.stdout.includes("1 annotation left out (no label with a class)"), ran.stdout);
  const line = 'warning: "t1.jpg" (t1): 1 annotation has no label with a class, so it was left out';
  assert.ok(ran.stdout.includes(line), ran.stdout);
});

Deno.test("one task is counted in the singular: Exporting 1 task", async () => {
  await using dir = await tempDir();
  const tasks: Task[] = [{ _id: "t2", name: "b.jpg", data: { body: { mask: MASK_3X2 } } }];
  await using lab = await startFakeLab({
    projects: [{ configuration: segmentationConfiguration("seg"), tasks }],
  });
  const ran = await runCli(
    ["export", "--project-id", "seg", "--output-folder", dir.path],
    labEnv(lab),
  );
  assertEquals(ran.code, 0, ran.stderr);
  assert.ok(ran.stderr.includes("Exporting 1 task to "), ran.stderr);
  assert.ok(ran.stdout.includes("1 task: 1 exported"), ran.stdout);
});

Deno.test("--format yolo refuses a task name no label file can take, naming the label file", async () => {
  await using dir = await tempDir();
  const tasks: Task[] = [{ _id: "t1", name: "../up.jpg", data: { body: VECTOR_BODY } }];
  await using lab = await startFakeLab({ projects: [{ configuration: RECTANGLES, tasks }] });
  const ran = await runCli(
    ["export", "--project-id", "rect", "--format", "yolo", "--output-folder", dir.path],
    labEnv(lab),
  );
  assertEquals(ran.code, 1, ran.stderr + ran.stdout);
  assert.ok(
    ran.stdout.includes(
      `failed: "../up.jpg" (t1): its name has a ".." segment that would leave the export folder, ` +
        "so no label file can be named after it",
    ),
    ran.stdout,
  );
});

/** The 3×2 mask's PNG with a `tEXt` chunk after IHDR, whose CRC is `crcOk` or wrong. */
function withTextChunk(png: Uint8Array, crcOk: boolean): Uint8Array {
  const chunk = writeChunk("tEXt", new TextEncoder().encode("Comment\0drawn by hand"));
  if (!crcOk) chunk[chunk.length - 1] ^= 0xff;
  const afterHeader = 8 + 25;
  return new Uint8Array([...png.subarray(0, afterHeader), ...chunk, ...png.subarray(afterHeader)]);
}

Deno.test("a PNG mask is read by its bytes under any media type, and despite a bad CRC on an ancillary chunk, with a warning", async () => {
  await using dir = await tempDir();
  const png = writeMaskPng({
    width: 3,
    height: 2,
    data: new Uint8Array([1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]),
  }, { colourType: 2 });
  const payload = (bytes: Uint8Array) => encodeDataUri(bytes).slice("data:image/png".length);
  const tasks: Task[] = [
    {
      _id: "t1",
      name: "octet.jpg",
      data: { body: { mask: `data:application/octet-stream${payload(png)}` } },
    },
    {
      _id: "t2",
      name: "crc.jpg",
      data: { body: { mask: encodeDataUri(withTextChunk(png, false)) } },
    },
    {
      _id: "t3",
      name: "jpeg.jpg",
      data: { body: { mask: `data:image/png;base64,/9j/4AAQSkZJRg==` } },
    },
    {
      _id: "t4",
      name: "idat.jpg",
      data: {
        body: {
          mask: encodeDataUri(png.map((byte, i) => i === png.length - 13 ? byte ^ 1 : byte)),
        },
      },
    },
  ];
  await using lab = await startFakeLab({
    projects: [{ configuration: segmentationConfiguration("seg"), tasks }],
  });
  for (const format of ["rgb", "class-index"]) {
    const ran = await runCli(
      [
        "export",
        "--project-id",
        "seg",
        "--output-folder",
        dir.path,
        "--output-filename",
        format,
        "--mask-format",
        format,
      ],
      labEnv(lab),
    );
    assertEquals(ran.code, 1, ran.stderr + ran.stdout);
    const clean = await decodePng(await Deno.readFile(`${dir.path}/${format}/octet.jpg.png`));
    const written = await Deno.readFile(`${dir.path}/${format}/crc.jpg.png`);
    assertEquals((await decodePng(written)).data, clean.data, format);
    // The chunk with the bad CRC is not written out again.
    assert.ok(!new TextDecoder("latin1").decode(written).includes("tEXt"), format);
    const warning = 'the PNG chunk "tEXt" at byte 33 fails its CRC check (stored 0x';
    const entries = manifestLines(await Deno.readTextFile(`${dir.path}/${format}/manifest.jsonl`));
    assertEquals(entries.map((entry) => String(entry.outcome).slice(0, 8)), [
      "exported",
      "exported",
      "failed: ",
      "failed: ",
    ]);
    assert.ok(String(entries[1].warning).startsWith(warning), String(entries[1].warning));
    assert.ok(String(entries[1].warning).endsWith("; the chunk was ignored, as libpng ignores it"));
    assert.ok(ran.stdout.includes(`warning: "crc.jpg" (t2): ${warning}`), ran.stdout);
    assert.ok(
      ran.stdout.includes(
        'failed: "jpeg.jpg" (t3): its mask cannot be read: the mask is a JPEG image (data URI type "image/png"), not a PNG',
      ),
      ran.stdout,
    );
    assert.ok(
      ran.stdout.includes(
        'failed: "idat.jpg" (t4): its mask cannot be read: the PNG chunk "IDAT" at byte 33 fails its CRC check',
      ),
      ran.stdout,
    );
  }
  const pixels = await decodePng(await Deno.readFile(`${dir.path}/rgb/octet.jpg.png`));
  assertEquals([...pixels.data.subarray(0, 3)], [1, 1, 1]);
});
