import assert from "../_std/assert.ts";
import { foldFileName } from "../../lib/model/fold_file_name.ts";
import { MaskFileRegistry } from "../../lib/model/mask_file_registry.ts";

// Pairs APFS and NTFS take for one name, beyond ASCII case.
const SAME: [string, string][] = [
  ["ſtreet.png", "street.png"],
  ["ΟΔΟΣ.png", "οδος.png"],
  ["οδος.png", "οδοσ.png"],
  ["ϐ.png", "β.png"],
  ["ϐ.png", "Β.png"],
  ["ıd.png", "ID.png"],
  ["ıd.png", "id.png"],
  ["é.png", "e\u0301.png"],
  ["\u212Aelvin.png", "kelvin.png"],
];

Deno.test("foldFileName() gives one key to names a case-insensitive file system merges", () => {
  for (const [a, b] of SAME) {
    assert.equal(foldFileName(a), foldFileName(b), `${a} / ${b}`);
  }
  assert.notEqual(foldFileName("a.png"), foldFileName("b.png"));
  assert.notEqual(foldFileName("σ.png"), foldFileName("τ.png"));
});

Deno.test("MaskFileRegistry gives a second file name to a task whose name folds to another's", () => {
  for (const [a, b] of SAME) {
    const registry = new MaskFileRegistry({ platform: "posix" });
    assert.equal(registry.claim(a, "t1"), a);
    const second = registry.claim(b, "t2");
    assert.notEqual(foldFileName(second), foldFileName(a), `${a} / ${b} -> ${second}`);
    assert.match(second, /__t2\.png$/);
  }
});

Deno.test("foldFileName() folds ASCII names by case alone", () => {
  assert.equal(foldFileName("Street/FRAME_01.JPG.png"), "street/frame_01.jpg.png");
  assert.equal(foldFileName("a-b_c.0~9 x.png"), "a-b_c.0~9 x.png");
  assert.notEqual(foldFileName("a.png"), foldFileName("a_.png"));
});

Deno.test("MaskFileRegistry renames, for each file in it, a folder that is another task's file, and keeps shared folders", () => {
  const registry = new MaskFileRegistry({ platform: "posix" });
  assert.equal(registry.claim("x.png", "t1"), "x.png");
  assert.equal(registry.claim("x.png/y.png", "t2"), "x.png__t2/y.png");
  assert.equal(registry.claim("x.png/z.png", "t3"), "x.png__t3/z.png");
  assert.equal(registry.claim("d/e.png", "t4"), "d/e.png");
  assert.equal(registry.claim("d/f.png", "t5"), "d/f.png");
  assert.equal(registry.claim("D/e.png", "t6"), "D/e__t6.png");
  assert.equal(registry.claim("d.png", "t7"), "d.png");
  assert.equal(registry.claim("d/f.png/g.png", "t8"), "d/f.png__t8/g.png");
  assert.equal(registry.claim("d/f.png/h.png", "t9"), "d/f.png__t9/h.png");
  assert.equal(registry.claim("d/e.png", "t4"), "d/e.png", "a task claiming again keeps its file");
});
