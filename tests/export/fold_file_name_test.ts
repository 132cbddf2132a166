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
