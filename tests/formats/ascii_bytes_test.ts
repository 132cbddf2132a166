import assert from "../_std/assert.ts";
import { AsciiBytes, packedFractions } from "../../lib/formats/_ascii_bytes.ts";

const decoded = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

Deno.test("AsciiBytes writes packed texts a word at a time as the texts are, between other writes and across growth", () => {
  for (const size of [1, 3, 7, 1080, 1920]) {
    const texts = packedFractions(size, (value) => ` ${value}`);
    const out = new AsciiBytes();
    let expected = "";
    // Every value, the last (whose word reads past the texts) included, then again in another
    // order: about 1 MB for the largest sizes, so the buffer grows several times.
    const rounds = Math.max(1, Math.floor(40_000 / size));
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k <= size; k++) {
        const value = round % 2 === 0 ? k : (k * 7 + round) % (size + 1);
        out.packed(texts, value);
        expected += ` ${value / size}`;
        if (k % 5 === 0) {
          out.text("0");
          out.byte(0x0a);
          expected += "0\n";
        }
      }
    }
    assert.equal(decoded(out.view()), expected, `size ${size}`);
    out.clear();
    out.packed(texts, size);
    assert.equal(decoded(out.view()), ` ${size / size}`, `size ${size}, cleared`);
  }
});

Deno.test("packedFractions packs each value's text once, in order, with nothing between", () => {
  const texts = packedFractions(4, (value) => `[${value}]`);
  assert.equal(decoded(texts.bytes), "[0][0.25][0.5][0.75][1]");
  assert.deepEqual([...texts.starts], [0, 3, 9, 14, 20, 23]);
});
