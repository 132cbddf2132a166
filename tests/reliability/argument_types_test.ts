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
import { tempDir } from "../_fixtures/temp_dir.ts";

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
