import assert from "../_std/assert.ts";
import { errorWith } from "../_std/error_with.ts";
import { deflateSync, type ZlibOptions } from "node:zlib";
import { adler32Of, type AdlerSum, InflateStream } from "../../lib/flate/inflate_stream.ts";
import { concatenate } from "../../lib/concatenate.ts";
import { PNG_SIGNATURE, writeChunk } from "../../lib/png/_chunks.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { transcodePng } from "../../lib/raster/transcode_png.ts";
import { drawMask, writeMaskPng } from "../../testing/mask_png.ts";

/** The caller's Adler-32, in TypeScript, counting the bytes it was given. */
function countingSum(): { sum: AdlerSum; bytes: number } {
  const counted = {
    bytes: 0,
    sum: (bytes: Uint8Array, adler: number) => {
      counted.bytes += bytes.length;
      return adler32Of(bytes, adler);
    },
  };
  return counted;
}

/** Reads a whole stream in pieces of `piece` bytes; the bytes, or the error it threw. */
function readAll(compressed: Uint8Array, piece: number, adler?: AdlerSum) {
  using stream = new InflateStream(compressed, { adler });
  const pieces: Uint8Array[] = [];
  const window = new Uint8Array(piece);
  try {
    for (let got = stream.read(window); got > 0; got = stream.read(window)) {
      pieces.push(window.slice(0, got));
    }
    return { bytes: concatenate(pieces), callerChecks: stream.callerChecks };
  } catch (error) {
    return { error: error as Error & { errno?: number }, callerChecks: stream.callerChecks };
  }
}

/** A zlib stream of `data` as a plain `Uint8Array` (a `Buffer`'s `slice()` would not copy). */
function zlibOf(data: Uint8Array, options: ZlibOptions = {}): Uint8Array {
  return new Uint8Array(deflateSync(data, options));
}

/** Mask-like rows: zeros with short bursts of other bytes. */
function maskLike(length: number): Uint8Array {
  return new Uint8Array(length).map((_, i) => (i % 997 < 5 ? (i * 31) & 255 : 0));
}

Deno.test("an InflateStream given the caller's Adler-32 inflates as zlib does", async (t) => {
  const data = maskLike(300_000);
  for (const level of [0, 1, 2, 6, 9]) {
    for (const piece of [1000, 65_536, 400_000]) {
      await t.step(`level ${level}, pieces of ${piece} bytes`, () => {
        const compressed = zlibOf(data, { level });
        const counted = countingSum();
        const checked = readAll(compressed, piece, counted.sum);
        assert.equal(checked.callerChecks, true, "the raw path is taken");
        assert.deepEqual(checked.bytes, data);
        assert.equal(counted.bytes, data.length, "every byte is summed once");
      });
    }
  }
});

Deno.test("an InflateStream leaves an owing read's check to the caller", async (t) => {
  const data = maskLike(100_000);
  const good = zlibOf(data);
  /** Reads the stream owing, settling each read with `settle` (the caller's own sum). */
  const readOwing = (
    compressed: Uint8Array,
    settle: (bytes: Uint8Array, adler: number) => number,
  ) => {
    const counted = countingSum();
    using stream = new InflateStream(compressed, { adler: counted.sum });
    const window = new Uint8Array(30_000);
    const pieces: Uint8Array[] = [];
    const owed: number[] = [];
    for (let got = stream.read(window, { owing: true }); got > 0;) {
      pieces.push(window.slice(0, got));
      owed.push(stream.owed);
      if (stream.owed > 0) stream.settle(settle(window.subarray(0, got), stream.adler));
      got = stream.read(window, { owing: true });
    }
    return { bytes: concatenate(pieces), owed, summedHere: counted.bytes };
  };
  await t.step("the caller's sums settle every read but the one the stream ends in", () => {
    const got = readOwing(good, adler32Of);
    assert.deepEqual(got.bytes, data);
    assert.deepEqual(got.owed, [30_000, 30_000, 30_000, 0]);
    assert.equal(got.summedHere, 10_000, "the last read, in which the stream ended");
  });
  await t.step("a wrong sum settled is zlib's wrong check at the trailer", () => {
    const wrong = (bytes: Uint8Array, adler: number) => adler32Of(bytes, adler) ^ 1;
    assert.throws(() => readOwing(good, wrong), errorWith(Error, "incorrect data check"));
  });
  await t.step("reading on before settling, or settling nothing, is refused", () => {
    using stream = new InflateStream(good, { adler: adler32Of });
    const window = new Uint8Array(1000);
    assert.throws(() => stream.settle(1), errorWith(TypeError, "no bytes are owed a sum"));
    stream.read(window, { owing: true });
    assert.throws(() => stream.read(window), errorWith(TypeError, "1000 bytes is owed"));
    stream.settle(adler32Of(window));
    assert.equal(stream.adler, adler32Of(window));
    assert.equal(stream.read(window), 1000);
  });
  await t.step("where zlib checks the stream, nothing is owed", () => {
    using stream = new InflateStream(good);
    assert.equal(stream.read(new Uint8Array(1000), { owing: true }), 1000);
    assert.equal(stream.owed, 0);
    assert.equal(stream.adler, 1);
  });
});

Deno.test("an InflateStream leaves the check to zlib for a header raw inflate cannot honour", async (t) => {
  const data = maskLike(50_000);
  const cases: [string, Uint8Array][] = [
    ["a smaller window (windowBits 9)", zlibOf(data, { windowBits: 9 })],
    ["no caller's sum", zlibOf(data)],
  ];
  // A preset dictionary: FDICT set, the header's check adjusted; zlib refuses it without one.
  const withDictionary = zlibOf(data);
  withDictionary[1] = 0x20 | (31 - ((0x78 << 8) | 0x20) % 31);
  cases.push(["a preset dictionary", withDictionary]);
  for (const [name, compressed] of cases) {
    await t.step(name, () => {
      const adler = name === "no caller's sum" ? undefined : countingSum().sum;
      const got = readAll(compressed, 4096, adler);
      const zlib = readAll(compressed, 4096);
      assert.equal(got.callerChecks, false);
      assert.deepEqual(got, zlib);
    });
  }
});

Deno.test("an InflateStream checks the trailer as zlib does", async (t) => {
  const data = maskLike(100_000);
  const good = zlibOf(data);
  await t.step("a wrong Adler-32: zlib's error, with its number", () => {
    const bad = good.slice();
    bad[bad.length - 1] ^= 1;
    const checked = readAll(bad, 8192, countingSum().sum);
    const zlib = readAll(bad, 8192);
    assert.ok(checked.callerChecks);
    assert.equal(checked.error?.message, "incorrect data check");
    assert.equal(checked.error?.message, zlib.error?.message);
    assert.equal(checked.error?.errno, zlib.error?.errno);
  });
  for (const cut of [1, 3, 4]) {
    await t.step(`a trailer ${cut} bytes short ends the bytes without an error`, () => {
      const short = good.subarray(0, good.length - cut);
      const checked = readAll(short, 8192, countingSum().sum);
      assert.equal(checked.error, undefined);
      assert.deepEqual(checked, { ...readAll(short, 8192), callerChecks: true });
    });
  }
  await t.step("bytes after the trailer are ignored", () => {
    const longer = new Uint8Array([...good, 1, 2, 3, 4, 5]);
    assert.deepEqual(readAll(longer, 8192, countingSum().sum).bytes, data);
    assert.deepEqual(readAll(longer, 8192).bytes, data);
  });
  await t.step("corrupt deflate data: zlib's error", () => {
    const corrupt = good.slice();
    corrupt[2] = 0xff;
    const checked = readAll(corrupt, 8192, countingSum().sum);
    assert.equal(checked.error?.message, readAll(corrupt, 8192).error?.message);
    assert.ok(checked.error);
  });
});

Deno.test("a mask PNG whose zlib trailer is wrong fails on every decoding path", async () => {
  const image = drawMask({ width: 120, height: 40 }, [{
    id: 3,
    bChannel: 2,
    rect: [10, 5, 50, 30],
  }]);
  for (const colourType of [2, 6] as const) {
    const png = writeMaskPng(image, { colourType, filter: "cycle" });
    const idat = onlyIdat(png);
    idat[idat.length - 1] ^= 0x40;
    const bad = pngWithIdat(png, idat);
    const message = /image data is not valid zlib data \(incorrect data check\)/;
    await assert.rejects(() => decodePng(bad), message);
    await assert.rejects(() => transcodePng(bad), message);
    await assert.rejects(
      () => transcodePng(bad, { colourByBChannel: new Map([[2, [1, 2, 3]]]) }),
      message,
    );
    // The same PNG with its trailer intact decodes.
    await transcodePng(pngWithIdat(png, onlyIdat(png)));
  }
});

/** The data of a PNG's one IDAT chunk (the test masks are written with one). */
function onlyIdat(png: Uint8Array): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset);
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    if (new TextDecoder().decode(png.subarray(at + 4, at + 8)) === "IDAT") {
      return png.slice(at + 8, at + 8 + length);
    }
    at += 12 + length;
  }
  throw new Error("no IDAT chunk");
}

/** The PNG with its chunks kept but its one IDAT's data replaced, CRC and all. */
function pngWithIdat(png: Uint8Array, idat: Uint8Array): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset);
  const parts = [PNG_SIGNATURE];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    parts.push(writeChunk(type, type === "IDAT" ? idat : png.subarray(at + 8, at + 8 + length)));
    at += 12 + length;
  }
  return concatenate(parts);
}
