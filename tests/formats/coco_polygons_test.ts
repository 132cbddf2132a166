import assert from "../_std/assert.ts";
import { cocoCategories } from "../../lib/formats/coco_categories.ts";
import { maskInstances } from "../../lib/formats/mask_instances.ts";
import { traceInstancePolygons, tracePolygons } from "../../lib/formats/trace_polygons.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import type { RgbImage } from "../../lib/png/rgb_image.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { rleMask } from "../_fixtures/coco_rle_mask.ts";
import { blobMask, layoutMask } from "../_fixtures/layout_masks.ts";
import { cocoPolygonMask, evenOddMask, iou } from "../_fixtures/polygon_fill.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { bodyTask, configurationOf, labOf } from "./_fixtures.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

const MASKS = [layoutMask(), blobMask()];
const CLASSES = cocoCategories(configurationOf("p", "iat-segmentation").metadata, false);

/** The pixels of instance (r, class) of a mask, row-major, 1 inside. */
function truthOf(image: RgbImage, r: number, classIndex: number): Uint8Array {
  const truth = new Uint8Array(image.width * image.height);
  for (let p = 0; p < truth.length; p++) {
    const mine = image.data[3 * p] === r &&
      CLASSES.classOfBChannel[image.data[3 * p + 2]] === classIndex;
    truth[p] = mine ? 1 : 0;
  }
  return truth;
}

/** Whether an instance is a one-pixel-wide line: no 2×2 block of its pixels. */
function isThin(truth: Uint8Array, width: number): boolean {
  for (let p = 0; p + width + 1 < truth.length; p++) {
    if (truth[p] && truth[p + 1] && truth[p + width] && truth[p + width + 1]) return false;
  }
  return true;
}

Deno.test("traced polygons fill back to each instance: exactly at tolerance 0, within the IoU bounds at 0.5", () => {
  const seen = { thin: 0, ordinary: 0 };
  for (const image of MASKS) {
    for (const instance of maskInstances(image, CLASSES.classOfBChannel)) {
      const truth = truthOf(image, instance.instanceId, instance.classIndex);
      const thin = isThin(truth, image.width);
      seen[thin ? "thin" : "ordinary"]++;
      const exact = traceInstancePolygons(instance, image.height);
      const name = `instance ${instance.instanceId} of class ${instance.classIndex}`;
      for (const fill of [cocoPolygonMask, evenOddMask]) {
        assertEquals(iou(fill(exact, image.width, image.height).data, truth), 1, name);
      }
      const simpler = traceInstancePolygons(instance, image.height, { tolerance: 0.5 });
      const bound = thin ? 0.9 : 0.98;
      const filled = cocoPolygonMask(simpler, image.width, image.height).data;
      assert(iou(filled, truth) >= bound, `${name}: IoU ${iou(filled, truth)} < ${bound}`);
      const points = (polygons: number[][]) => polygons.reduce((sum, p) => sum + p.length, 0);
      assert(points(simpler) <= points(exact), name);
      for (const polygon of [...exact, ...simpler]) {
        assert(polygon.length >= 6 && polygon.length % 2 === 0, `${name}: ${polygon}`);
      }
    }
  }
  // The fixtures hold both kinds: a ring, touching boxes, parts, and one-pixel lines.
  assert(seen.thin >= 2 && seen.ordinary >= 6, JSON.stringify(seen));
});

/** Exports the masks' project as COCO with these extra flags; returns the parsed file. */
async function cocoOf(dir: string, name: string, flags: string[]) {
  await using lab = await labOf(configurationOf("seg", "iat-segmentation"), [
    bodyTask("t1", "a.jpg", { mask: encodeDataUri(writeMaskPng(MASKS[0], { colourType: 6 })) }),
    bodyTask("t2", "b.jpg", { mask: encodeDataUri(writeMaskPng(MASKS[1], { colourType: 2 })) }),
  ]);
  const args = ["export", "--project-id", "seg", "--format", "coco", "-o", dir];
  const ran = await runCli([...args, "--output-filename", name, ...flags], labEnv(lab));
  assertEquals(ran.code, 0, ran.stderr);
  return JSON.parse(await Deno.readTextFile(`${dir}/${name}`));
}

Deno.test("export --coco-segmentation polygon writes polygons that fill back to the RLE export's pixels", async () => {
  await using dir = await tempDir();
  const rle = await cocoOf(dir.path, "rle.json", []);
  const exact = await cocoOf(dir.path, "polygon.json", ["--coco-segmentation", "polygon"]);
  const simpler = await cocoOf(dir.path, "simpler.json", [
    "--coco-segmentation",
    "polygon",
    "--polygon-tolerance",
    "0.5",
  ]);
  assertEquals(exact.images, rle.images);
  assertEquals(exact.annotations.length, rle.annotations.length);
  rle.annotations.forEach((expected: Record<string, unknown>, i: number) => {
    const truth = rleMask(expected.segmentation as { size: [number, number]; counts: string });
    for (const [coco, exactly] of [[exact, true], [simpler, false]] as const) {
      const { segmentation, ...rest } = coco.annotations[i];
      const { segmentation: _, ...expectedRest } = expected;
      // Area and box stay the pixels'.
      assertEquals(rest, expectedRest);
      assert(Array.isArray(segmentation) && segmentation.length >= 1, JSON.stringify(segmentation));
      const filled = cocoPolygonMask(segmentation, truth.width, truth.height).data;
      const bound = exactly ? 1 : isThin(truth.data, truth.width) ? 0.9 : 0.98;
      assert(iou(filled, truth.data) >= bound, `annotation ${i + 1}: ${iou(filled, truth.data)}`);
    }
  });
  // Disjoint parts: car 5 of a.jpg is two polygons; the diagonal and the row of car 4 touch.
  const car5 = exact.annotations.find((a: Record<string, number>) =>
    a.image_id === 1 && a.area === 36
  );
  assertEquals(car5.segmentation.length, 2);
});

Deno.test("export refuses a bad --coco-segmentation or --polygon-tolerance, naming it", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("seg", "iat-segmentation"), []);
  const base = ["export", "--project-id", "seg", "-o", dir.path];
  const cases: [string[], string][] = [
    [["--format", "coco", "--coco-segmentation", "polygons"], 'must be "rle" or "polygon"'],
    [["--format", "yolo", "--coco-segmentation", "polygon"], "shapes --format coco only"],
    [["--format", "coco", "--polygon-tolerance=-1"], 'Option "--polygon-tolerance" is "-1"'],
    [["--format", "coco", "--polygon-tolerance", "1"], "use it with --format yolo-seg"],
    [["--coco-segmentation", "polygon"], "this export writes mask files"],
  ];
  for (const [args, words] of cases) {
    const ran = await runCli([...base, ...args], labEnv(lab));
    assertEquals(ran.code, 2, `${args}: ${ran.stderr}`);
    assert(ran.stderr.includes(words), ran.stderr);
    assertEquals(lab.requests.length, 0, "refused before any request");
  }
});

/** The Python that has pycocotools: `LAB_MASKS_PYTHON`, else `python3`; `undefined` when none. */
async function pycocotoolsPython(): Promise<string | undefined> {
  for (const python of [Deno.env.get("LAB_MASKS_PYTHON"), "python3"]) {
    if (!python) continue;
    try {
      const probe = await new Deno.Command(python, {
        args: ["-c", "import pycocotools.coco"],
        stdout: "null",
        stderr: "null",
      }).output();
      if (probe.success) return python;
    } catch {
      // Not installed there.
    }
  }
  return undefined;
}

// Each annotation of the polygon file against the RLE file's, by pycocotools itself.
const COMPARE = `
import json, sys, warnings
warnings.simplefilter("error")
# pycocotools 2.0 on numpy 2 warns of its own array interface, whatever the file.
warnings.filterwarnings("ignore", category=DeprecationWarning)
from pycocotools.coco import COCO
rle, poly = COCO(sys.argv[1]), COCO(sys.argv[2])
out = []
for ann in rle.dataset["annotations"]:
    a = rle.annToMask(ann).astype(bool)
    b = poly.annToMask(poly.anns[ann["id"]]).astype(bool)
    out.append([int((a & b).sum()), int((a | b).sum()), int(a.sum())])
print(json.dumps(out))
`;

Deno.test("pycocotools reads the polygon COCO without a warning, every annotation within the IoU bounds", async (t) => {
  const python = await pycocotoolsPython();
  if (python === undefined) {
    console.log("SKIPPED: pycocotools is not installed (set LAB_MASKS_PYTHON to a Python with it)");
    return;
  }
  await using dir = await tempDir();
  await cocoOf(dir.path, "rle.json", []);
  for (const tolerance of ["0", "0.5"]) {
    await t.step(`tolerance ${tolerance}`, async () => {
      const name = `polygon-${tolerance}.json`;
      const coco = await cocoOf(dir.path, name, [
        "--coco-segmentation",
        "polygon",
        "--polygon-tolerance",
        tolerance,
      ]);
      const ran = await new Deno.Command(python, {
        args: ["-c", COMPARE, `${dir.path}/rle.json`, `${dir.path}/${name}`],
      }).output();
      const stderr = new TextDecoder().decode(ran.stderr);
      assert(ran.success, stderr);
      const pairs: [number, number, number][] = JSON.parse(
        new TextDecoder().decode(ran.stdout).trim().split("\n").at(-1)!,
      );
      assertEquals(pairs.length, coco.annotations.length);
      pairs.forEach(([both, either, area], i) => {
        assertEquals(area, coco.annotations[i].area, "pycocotools reads the RLE's area");
        const thin = coco.annotations[i].bbox[2] === 1 || coco.annotations[i].bbox[3] === 1 ||
          area <= 30;
        const bound = tolerance === "0" ? 1 : thin ? 0.9 : 0.98;
        assert(both / either >= bound, `annotation ${i + 1}: IoU ${both / either}`);
      });
    });
  }
});

Deno.test("tracePolygons() keeps nested holes and islands, corner-touching pixels and speckle exact", () => {
  const width = 30;
  const height = 24;
  const inside = new Uint8Array(width * height);
  const fill = (box: number[], value: number) => {
    for (let y = box[1]; y < box[3]; y++) {
      for (let x = box[0]; x < box[2]; x++) {
        inside[y * width + x] = value;
      }
    }
  };
  // A square with a hole, an island in the hole, and a hole in the island.
  fill([0, 0, 20, 20], 1);
  fill([3, 3, 17, 17], 0);
  fill([7, 7, 13, 13], 1);
  fill([9, 9, 11, 11], 0);
  // A checkerboard (parts touching by corners only) and single-pixel holes in a bar.
  for (let y = 0; y < 6; y++) for (let x = 22; x < 28; x++) inside[y * width + x] = (x + y) % 2;
  fill([21, 10, 30, 14], 1);
  for (let x = 22; x < 29; x += 2) inside[11 * width + x] = 0;
  const polygons = tracePolygons({ left: 0, top: 0, width, height, inside });
  for (const fillOf of [cocoPolygonMask, evenOddMask]) {
    const filled = fillOf(polygons, width, height).data;
    let differ = 0;
    filled.forEach((value, p) => differ += value === inside[p] ? 0 : 1);
    assertEquals(differ, 0, `${fillOf.name}: pixels that differ`);
  }
});
