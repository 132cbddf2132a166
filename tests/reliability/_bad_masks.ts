/**
 * A corpus of bad task data, one entry per kind of fault a mask can have, for the reliability
 * tests. PNGs are built chunk by chunk with `node:zlib` (not with the package's own encoder), so
 * each entry breaks exactly one thing.
 *
 * @module
 */
import { crc32, deflateSync } from "node:zlib";
import type { TaskData } from "../../lib/api/types.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";

/** One kind of bad task data and what the export must say about it. */
export interface BadTaskData {
  /** What is wrong, as a test label. */
  kind: string;
  /** The task's `data`. */
  data: TaskData | undefined;
  /** `"skipped"` (no mask, as the SDK), or the reason the task fails with. */
  expected: "skipped" | RegExp;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

function u32(value: number): number[] {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
}

/** A chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: ArrayLike<number>): Uint8Array {
  const body = new Uint8Array([...new TextEncoder().encode(type), ...Array.from(data)]);
  return new Uint8Array([...u32(data.length), ...body, ...u32(crc32(body))]);
}

/** An IHDR chunk's data: size, bit depth, colour type, compression 0, filter 0, interlace. */
function ihdr(width: number, height: number, depth: number, colourType: number, interlace = 0) {
  return [...u32(width), ...u32(height), depth, colourType, 0, 0, interlace];
}

/** A PNG made of these chunks, after the signature. */
function png(...chunks: Uint8Array[]): Uint8Array {
  return new Uint8Array([...SIGNATURE, ...chunks.flatMap((part) => [...part])]);
}

/** Zlib-compressed scanlines: `rows` rows of `rowBytes` zero bytes, each after filter type 0. */
function idat(rows: number, rowBytes: number, fill = 0): Uint8Array {
  const raw = new Uint8Array(rows * (rowBytes + 1));
  for (let row = 0; row < rows; row++) {
    raw.fill(fill, row * (rowBytes + 1) + 1, (row + 1) * (rowBytes + 1));
  }
  return chunk("IDAT", deflateSync(raw));
}

const IEND = chunk("IEND", []);
/** A valid 2×2 RGB PNG, all black. */
export const VALID_PNG: Uint8Array = png(chunk("IHDR", ihdr(2, 2, 8, 2)), idat(2, 6), IEND);

function withMask(mask: unknown): TaskData {
  return { body: { image: { width: 2, height: 2 }, mask } };
}

function uri(bytes: Uint8Array): TaskData {
  return withMask(encodeDataUri(bytes));
}

const base64 = encodeDataUri(VALID_PNG).slice("data:image/png;base64,".length);
const badCrc = VALID_PNG.slice();
badCrc[VALID_PNG.length - 12 - 5] ^= 0xff; // a byte of IDAT's data

/** Every kind of bad task data, at least 20 of them. */
export const BAD_TASK_DATA: BadTaskData[] = [
  { kind: "no data (never annotated)", data: undefined, expected: "skipped" },
  { kind: "an empty body", data: { body: {} }, expected: "skipped" },
  { kind: "a null mask", data: withMask(null), expected: "skipped" },
  { kind: "an empty string (the SDK skips it)", data: withMask(""), expected: "skipped" },
  { kind: "blank text", data: withMask("   "), expected: /the mask is not a data URI/ },
  {
    kind: "base64 without data:",
    data: withMask(base64),
    expected: /not a data URI: it starts with "iVBOR/,
  },
  {
    // The bytes decide, as in the SDK: a PNG under this type is read; JPEG bytes are refused.
    kind: "a JPEG",
    data: withMask("data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ=="),
    expected: /the mask is a JPEG image \(data URI type "image\/jpeg"\), not a PNG/,
  },
  {
    kind: "JPEG bytes under the PNG type",
    data: withMask("data:image/png;base64,/9j/4AAQSkZJRgABAQ=="),
    expected: /the mask is a JPEG image \(data URI type "image\/png"\), not a PNG/,
  },
  {
    kind: "not base64-encoded",
    data: withMask(`data:image/png,${base64}`),
    expected: /not base64-encoded/,
  },
  {
    kind: "invalid base64",
    data: withMask("data:image/png;base64,iVBORw0K@@@@"),
    expected: /invalid base64/,
  },
  { kind: "an empty payload", data: withMask("data:image/png;base64,"), expected: /empty payload/ },
  {
    kind: "no comma",
    data: withMask("data:image/png;base64"),
    expected: /no "," before its payload/,
  },
  { kind: "a number", data: withMask(42), expected: /the mask is a number, not a data URI string/ },
  { kind: "an object", data: withMask({ png: base64 }), expected: /the mask is an object/ },
  { kind: "an array", data: withMask([base64]), expected: /the mask is an array/ },
  { kind: "a boolean", data: withMask(true), expected: /the mask is a boolean/ },
  {
    kind: "GIF bytes",
    data: uri(new TextEncoder().encode("GIF89a\x02\x00\x02\x00")),
    expected: /the mask is a GIF image \(data URI type "image\/png"\), not a PNG/,
  },
  {
    kind: "a truncated PNG",
    data: uri(VALID_PNG.subarray(0, VALID_PNG.length - 16)),
    expected: /the PNG is truncated: chunk "IDAT"/,
  },
  {
    kind: "the signature alone",
    data: uri(VALID_PNG.subarray(0, 8)),
    expected: /has no chunks: it is truncated/,
  },
  { kind: "a bad CRC", data: uri(badCrc), expected: /chunk "IDAT" at byte 33 fails its CRC check/ },
  {
    kind: "a zero-size image",
    data: uri(png(chunk("IHDR", ihdr(0, 2, 8, 2)), idat(2, 0), IEND)),
    expected: /the PNG's width is 0/,
  },
  {
    kind: "a 100000×100000 header (decompression bomb)",
    data: uri(png(chunk("IHDR", ihdr(100_000, 100_000, 8, 6)), idat(1, 4), IEND)),
    expected: /is 100000×100000 \(10000000000 pixels\), above the limit of 100000000 pixels/,
  },
  {
    kind: "16-bit RGB holding 8-bit rows",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 16, 2)), idat(2, 6), IEND)),
    expected: /the PNG is truncated: IDAT data ends at row 1 of 2/,
  },
  {
    kind: "a 16-bit palette",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 16, 3)), chunk("PLTE", [1, 2, 3]), idat(2, 4), IEND)),
    expected: /bit depth 16 with colour type 3 \(palette\); PNG allows 1, 2, 4, 8/,
  },
  {
    kind: "a palette image without PLTE",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 8, 3)), idat(2, 2), IEND)),
    expected: /colour type 3 \(palette\) but no PLTE chunk/,
  },
  {
    kind: "a palette index out of range",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 8, 3)), chunk("PLTE", [9, 9, 9]), idat(2, 2, 1), IEND)),
    expected: /palette index 1 but its palette has only 1 colours/,
  },
  {
    kind: "a PLTE of 4 bytes",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 8, 3)), chunk("PLTE", [1, 2, 3, 4]), idat(2, 2), IEND)),
    expected: /PLTE chunk holds 4 bytes/,
  },
  {
    kind: "bit depth 3",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 3, 0)), idat(2, 1), IEND)),
    expected: /bit depth 3 with colour type 0/,
  },
  {
    kind: "colour type 5",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 8, 5)), idat(2, 2), IEND)),
    expected: /colour type 5; PNG allows 0, 2, 3, 4 and 6/,
  },
  {
    kind: "interlace method 2",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 8, 2, 2)), idat(2, 6), IEND)),
    expected: /interlace method 2/,
  },
  {
    kind: "an unknown critical chunk",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 8, 2)), chunk("ABCD", [0]), idat(2, 6), IEND)),
    expected: /unknown critical chunk "ABCD"/,
  },
  {
    kind: "IHDR not first",
    data: uri(png(idat(2, 6), chunk("IHDR", ihdr(2, 2, 8, 2)), IEND)),
    expected: /starts with chunk "IDAT" instead of IHDR/,
  },
  {
    kind: "no IDAT",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 8, 2)), IEND)),
    expected: /has no IDAT chunk/,
  },
  {
    kind: "no IEND",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 8, 2)), idat(2, 6))),
    expected: /has no IEND chunk/,
  },
  {
    kind: "IDAT that is not zlib",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 8, 2)), chunk("IDAT", [1, 2, 3, 4, 5]), IEND)),
    expected: /image data is not valid zlib data/,
  },
  {
    kind: "more image data than the size needs",
    data: uri(png(chunk("IHDR", ihdr(2, 2, 8, 2)), idat(4, 6), IEND)),
    expected: /more image data than its 2×2 pixels need/,
  },
];
