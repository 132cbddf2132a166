import assert from "../_std/assert.ts";
import { errorWith } from "../_std/error_with.ts";
import { adler32Of } from "../../lib/flate/inflate_stream.ts";
import { checkPng, inflatePngStrips, type RowStrips } from "../../lib/png/inflate_png.ts";
import { PngError } from "../../lib/errors.ts";
import { drawMask, writeMaskPng } from "../../testing/mask_png.ts";

/** A 50×30 RGBA mask, every filter type in turn, its zlib trailer intact or flipped. */
function maskPng(trailer: "intact" | "wrong") {
  const mask = drawMask({ width: 50, height: 30 }, [{ id: 2, bChannel: 3, circle: [20, 15, 11] }]);
  const png = checkPng(writeMaskPng(mask, { colourType: 6, filter: "cycle" }), undefined);
  if (trailer === "wrong") {
    const compressed = png.compressed.slice();
    compressed[compressed.length - 1] ^= 1;
    return { ...png, compressed };
  }
  return png;
}

/**
 * Inflates the mask in strips of 7 rows; `onStrip` sums each strip it is owed (wrongly for strip
 * `wrongAt`) and fails at strip `failAt`. Which strips were worked on, and which were owed a sum.
 */
function run(
  png: ReturnType<typeof maskPng>,
  options: { sumsStrips?: boolean; adler?: boolean; wrongAt?: number; failAt?: number },
) {
  const stride = 50 * 4 + 1;
  const window = new Uint8Array(7 * stride);
  const worked: number[] = [];
  const owed: number[] = [];
  const strips: RowStrips = {
    rows: 7,
    window,
    adler: options.adler === false ? undefined : adler32Of,
    sumsStrips: options.sumsStrips,
    onStrip(first, count, check) {
      worked.push(first);
      if (check !== undefined) {
        owed.push(first);
        const sum = adler32Of(window.subarray(0, count * stride), check.adler);
        check.adler = first === options.wrongAt ? sum ^ 1 : sum;
      }
      return first === options.failAt ? new PngError(`strip ${first} is bad`) : undefined;
    },
  };
  inflatePngStrips(png, strips);
  return { worked, owed };
}

Deno.test("inflatePngStrips() with sumsStrips takes each strip's check from onStrip", async (t) => {
  const all = [0, 7, 14, 21, 28];
  await t.step("every strip is owed its sum, and the sums check the stream", () => {
    assert.deepEqual(run(maskPng("intact"), { sumsStrips: true }), { worked: all, owed: all });
  });
  await t.step("a wrong trailer is found from the strips' sums", () => {
    assert.throws(
      () => run(maskPng("wrong"), { sumsStrips: true }),
      errorWith(PngError, "not valid zlib data (incorrect data check)"),
    );
  });
  await t.step("a strip summed wrongly fails the check", () => {
    assert.throws(
      () => run(maskPng("intact"), { sumsStrips: true, wrongAt: 14 }),
      errorWith(PngError, "incorrect data check"),
    );
  });
  await t.step("after a strip's failure, the rest are summed without onStrip", () => {
    assert.throws(
      () => run(maskPng("intact"), { sumsStrips: true, failAt: 7 }),
      errorWith(PngError, "strip 7 is bad"),
    );
    // The stream's damage is told first, though the strips after the failure were not worked on.
    assert.throws(
      () => run(maskPng("wrong"), { sumsStrips: true, failAt: 7 }),
      errorWith(PngError, "incorrect data check"),
    );
  });
  await t.step("without sumsStrips, or where zlib checks the stream, nothing is owed", () => {
    assert.deepEqual(run(maskPng("intact"), {}), { worked: all, owed: [] });
    assert.deepEqual(run(maskPng("intact"), { sumsStrips: true, adler: false }), {
      worked: all,
      owed: [],
    });
    assert.throws(
      () => run(maskPng("wrong"), { sumsStrips: true, adler: false }),
      errorWith(PngError, "incorrect data check"),
    );
  });
});
