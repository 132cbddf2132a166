/**
 * Arguments given by position, as a JavaScript caller may get them wrong: refused by name, never
 * taken as a path ("5") or looped over without end.
 */
import assert from "../_std/assert.ts";
import { errorWith } from "../_std/error_with.ts";
import { verifyExport } from "../../lib/dataset/verify_export.ts";
import { diffExports } from "../../lib/dataset/diff_exports.ts";
import { readExport } from "../../lib/dataset/read_export.ts";
import { simplifyRing } from "../../lib/formats/simplify_ring.ts";
import { cocoRleString } from "../../lib/formats/coco_rle.ts";
import { maskInstances } from "../../lib/formats/mask_instances.ts";
import { MaskInstanceScanner } from "../../lib/formats/mask_instance_scanner.ts";
import { traceInstancePolygons, tracePolygons } from "../../lib/formats/trace_polygons.ts";
import { parseLabDate } from "../../lib/api/lab_date.ts";
import { parseDateFilter } from "../../lib/api/parse_date_filter.ts";
import { credentialsFromEnv } from "../../lib/api/credentials_from_env.ts";
import { loadSemanticMapping } from "../../lib/detect/load_semantic_mapping.ts";
import { parseManifest, readManifest } from "../../lib/model/manifest.ts";
import { readClassMap } from "../../lib/export/read_class_map.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { parseSplit } from "../../lib/model/split_plan.ts";
import { parseShard } from "../../lib/model/shard.ts";
import { parseStuffLabels } from "../../lib/export/stuff_labels.ts";
import { exportFormatEntry, parseExportFormat } from "../../lib/export/export_formats.ts";
import { parseMaskFormat } from "../../lib/export/mask_format.ts";
import { parseCocoSegmentation } from "../../lib/formats/coco_segmentation.ts";
import { parsePinnedClassMap } from "../../lib/detect/pinned_class_map.ts";
import { classMapOfBytes } from "../../lib/export/read_class_map.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { pngSamples } from "../../lib/png/png_samples.ts";
import { pngPixelSha256 } from "../../lib/png/png_pixel_sha256.ts";
import { openMaskRows } from "../../lib/png/mask_rows.ts";
import { encodePng } from "../../lib/png/encode_png.ts";

Deno.test("verifyExport, diffExports and readExport refuse a folder that is not a string, naming the argument", async (t) => {
  // In the working folder, a folder named "5" would have been read as the export.
  await using dir = await tempDir();
  const cases: [string, () => Promise<unknown>, string][] = [
    ["verifyExport(5)", () => verifyExport(5 as never), "folder must be a string; got 5"],
    [
      "verifyExport()",
      () => (verifyExport as () => Promise<unknown>)(),
      "folder must be a string; got undefined",
    ],
    [
      "readExport(URL)",
      () => readExport(new URL(`file://${dir.path}`) as never, "folder"),
      "folder must be a string; got a URL",
    ],
    [
      "diffExports(old: {…})",
      () => diffExports({ path: dir.path } as never, dir.path),
      "oldFolder must be a string; got {",
    ],
    [
      "diffExports(new: 7)",
      () => diffExports(dir.path, 7 as never),
      "newFolder must be a string; got 7",
    ],
  ];
  for (const [name, call, message] of cases) {
    await t.step(name, async () => {
      await assert.rejects(call(), errorWith(TypeError, message));
    });
  }
});

Deno.test("simplifyRing refuses what is not a ring's coordinates, or a tolerance that is no distance", () => {
  const square = [0, 0, 5, 0, 10, 0, 10, 10, 0, 10];
  assert.deepEqual(simplifyRing(square, 0.5), [0, 0, 10, 0, 10, 10, 0, 10]);
  // A string has a length, and came back "simplified"; a number looped until memory ran out.
  assert.throws(
    () => simplifyRing("abcdefgh" as never, 1),
    errorWith(
      TypeError,
      'points must be a list of numbers of even length (x, y of each vertex); got the string "abcdefgh"',
    ),
  );
  assert.throws(
    () => simplifyRing([0, 0, 5, 0, 10], 1),
    errorWith(
      RangeError,
      "points must be a list of numbers of even length (x, y of each vertex); got [0,0,5,0,10]",
    ),
  );
  for (
    const [tolerance, kind] of [[Number.NaN, RangeError], [-1, RangeError], [
      "1",
      TypeError,
    ]] as const
  ) {
    assert.throws(
      () => simplifyRing(square, tolerance as number),
      errorWith(kind, "tolerance must be a finite number of at least 0; got"),
    );
  }
});

Deno.test("tracePolygons refuses a region whose box or pixels would be read out of bounds", () => {
  const inside = new Uint8Array(4).fill(1);
  const box = { left: 0, top: 0, width: 2, height: 2, inside };
  assert.deepEqual(tracePolygons(box), [[2, 0, 2, 2, 0, 2, 0, 0]]);
  // A fractional width traced until memory ran out; a short `inside` was read past its end.
  const cases: [Record<string, unknown>, ErrorConstructor, string][] = [
    [{ width: 2.5 }, RangeError, "region.width must be a whole number of at least 0; got 2.5"],
    [{ left: -1 }, RangeError, "region.left must be a whole number of at least 0; got -1"],
    [
      { width: 100, height: 100 },
      RangeError,
      "region.inside must hold width × height = 10000 values; got 4",
    ],
    [{ inside: [1, 1, 1, 1] }, TypeError, "region.inside must be a Uint8Array; got [1,1,1,1]"],
  ];
  for (const [change, kind, message] of cases) {
    assert.throws(() => tracePolygons({ ...box, ...change } as never), errorWith(kind, message));
  }
  assert.throws(
    () => tracePolygons(box, { tolerance: -1 }),
    errorWith(RangeError, "options.tolerance must be a finite number of at least 0; got -1"),
  );
});

Deno.test("traceInstancePolygons walks only its box's columns, and refuses runs that are no lengths", () => {
  const box: [number, number, number, number] = [0, 0, 2, 2];
  const square = [[2, 0, 2, 2, 0, 2, 0, 0]];
  assert.deepEqual(traceInstancePolygons({ counts: [0, 4], bbox: box }, 2), square);
  // Runs read from a COCO file: one of 10^12 pixels was walked pixel by pixel (a hang); only
  // the box's four count now.
  assert.deepEqual(traceInstancePolygons({ counts: [0, 1e12], bbox: box }, 2), square);
  assert.throws(
    () => traceInstancePolygons({ counts: [-5, 3], bbox: box }, 2),
    errorWith(
      RangeError,
      "instance.counts must be a list of run lengths (whole numbers of at least 0); got [-5,3]",
    ),
  );
  assert.throws(
    () => traceInstancePolygons({ counts: [0, 4], bbox: [0, 0, 2.5, 2] as never }, 2),
    errorWith(
      RangeError,
      "instance.bbox must be a box [left, top, width, height] of whole numbers of at least 0",
    ),
  );
  assert.throws(
    () => traceInstancePolygons({ counts: [0, 4], bbox: box }, 0),
    errorWith(RangeError, "imageHeight must be a whole number of at least 1; got 0"),
  );
});

Deno.test("cocoRleString refuses a count it would write as another run", () => {
  assert.equal(cocoRleString([3, 1]), "31");
  // Each was written, silently, as some other run ("03" for NaN, "PPP]\\bN3" for 10^15).
  for (const count of [-1, 1.5, Number.NaN, 1e15]) {
    assert.throws(
      () => cocoRleString([count, 3]),
      errorWith(RangeError, `counts[0] must be a whole number from 0 to 2147483647; got ${count}`),
    );
  }
});

Deno.test("MaskInstanceScanner and maskInstances refuse a size, class table or rows they would read out of bounds", () => {
  const classes = new Uint8Array(256);
  classes[7] = 1;
  const image = { width: 2, height: 1, data: new Uint8Array([1, 1, 7, 2, 2, 7]) };
  assert.deepEqual(maskInstances(image, classes).map((instance) => instance.counts), [[0, 1, 1], [
    1,
    1,
  ]]);
  const cases: [() => unknown, ErrorConstructor, string][] = [
    // A 10^5 × 10^5 mask failed with "Invalid typed array length: -16192768".
    [
      () => new MaskInstanceScanner(1e5, 1e5, classes),
      RangeError,
      "a mask of 100000×100000 has more than 2147483647 pixels",
    ],
    [() => new MaskInstanceScanner(2.5, 1, classes), RangeError, "width must be a whole number"],
    [
      () => new MaskInstanceScanner(2, 1, [0, 1]),
      RangeError,
      "classOfBChannel must be a list of 256 classes, one for each blue value; got [0,1]",
    ],
    // Rows shorter than the width said were read past their end.
    [
      () => maskInstances({ ...image, data: new Uint8Array(3) }, classes),
      RangeError,
      "rows.data holds 3 bytes, fewer than 1 rows of 6",
    ],
    [
      () => maskInstances({ ...image, height: 1, data: image.data.subarray(0, 6) }, [] as never),
      RangeError,
      "classOfBChannel must be a list of 256 classes",
    ],
  ];
  for (const [call, kind, message] of cases) assert.throws(call, errorWith(kind, message));
  const scanner = new MaskInstanceScanner(2, 1, classes);
  assert.throws(
    () => scanner.takeRows({ data: new Uint8Array(12), first: 0, count: 2 }),
    errorWith(RangeError, "rows.count must be a whole number from 0 to 1; got 2"),
  );
});

Deno.test("the functions that read a date, a mapping, a manifest, a class map or credentials refuse an argument of the wrong type by name", async (t) => {
  const cases: [string, () => unknown, string][] = [
    ["parseLabDate(5)", () => parseLabDate(5 as never), "value must be a string; got 5"],
    [
      "parseDateFilter(null)",
      () => parseDateFilter(null as never, "updatedAtGte"),
      "value must be a string; got null",
    ],
    ["parseManifest({})", () => parseManifest({} as never, "m", "resume"), "text must be a string"],
    [
      "credentialsFromEnv(a map)",
      () => credentialsFromEnv(new Map() as never),
      "env must be a function; got",
    ],
    [
      "credentialsFromEnv(env, 5)",
      () => credentialsFromEnv(() => undefined, 5 as never),
      "endpoint must be a string; got 5",
    ],
  ];
  for (const [name, call, message] of cases) {
    await t.step(name, () => assert.throws(call, errorWith(TypeError, message)));
  }
  const rejected: [string, () => Promise<unknown>, string][] = [
    [
      "loadSemanticMapping(5)",
      () => loadSemanticMapping(5 as never),
      "value must be a string; got 5",
    ],
    [
      "loadSemanticMapping(text, 5)",
      () => loadSemanticMapping("{}", 5 as never),
      "readTextFile must be a function; got 5",
    ],
    ["readManifest(5)", () => readManifest(5 as never, "resume"), "path must be a string; got 5"],
    ["readClassMap(5)", () => readClassMap(5 as never), "path must be a string; got 5"],
  ];
  for (const [name, call, message] of rejected) {
    await t.step(name, async () => await assert.rejects(call, errorWith(TypeError, message)));
  }
});

Deno.test("the parsers of settings and the readers of PNG and class-map bytes refuse an argument of the wrong type by name", async (t) => {
  // Each was a ConfigError about the text "undefined", or "Cannot read properties of undefined".
  const where = { source: "labelmap.json", setting: "labelmapFrom" };
  const cases: [string, () => unknown, string][] = [
    [
      "parseSplit(80)",
      () => parseSplit(80 as never),
      "split must be a string like train=80,val=20",
    ],
    ["parseShard(2)", () => parseShard(2 as never), "text must be a string; got 2"],
    ["parseStuffLabels([])", () => parseStuffLabels([] as never), "text must be a string; got []"],
    ["parseExportFormat()", () => parseExportFormat(undefined as never), "text must be a string"],
    ["exportFormatEntry(1)", () => exportFormatEntry(1 as never), "name must be a string; got 1"],
    ["parseMaskFormat(null)", () => parseMaskFormat(null as never), "text must be a string"],
    ["parseCocoSegmentation(1)", () => parseCocoSegmentation(1 as never), "text must be a string"],
    ["parsePinnedClassMap({})", () => parsePinnedClassMap({} as never, where), "text must be a"],
    [
      "classMapOfBytes('{}')",
      () => classMapOfBytes("{}" as never, where),
      "bytes must be a Uint8Array",
    ],
    [
      "pngSamples([])",
      () => pngSamples([137, 80] as never),
      "bytes must be a Uint8Array; got [137,80]",
    ],
    [
      "pngPixelSha256(buffer)",
      () => pngPixelSha256(new ArrayBuffer(8) as never),
      "bytes must be a",
    ],
    ["openMaskRows('')", () => openMaskRows("" as never), "bytes must be a Uint8Array"],
  ];
  for (const [name, call, message] of cases) {
    await t.step(name, () => assert.throws(call, errorWith(TypeError, message)));
  }
  await t.step("decodePng(5)", async () => {
    await assert.rejects(decodePng(5 as never), errorWith(TypeError, "bytes must be a Uint8Array"));
  });
  await t.step("the right types still read", async () => {
    const png = await encodePng({ width: 1, height: 1, data: new Uint8Array([1, 2, 3]) });
    assert.deepEqual([...(await decodePng(png)).data], [1, 2, 3]);
    assert.equal(parseShard("1/2").count, 2);
    assert.equal(parseSplit([{ name: "a", percent: 100 }]).parts[0].name, "a");
  });
});
