import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { errorWith } from "../_std/error_with.ts";
import { PngError } from "../../lib/errors.ts";
import { decodeDataUri, encodeDataUri } from "../../lib/raster/mask_data_uri.ts";

Deno.test("decodeDataUri() returns the bytes of a base64 PNG data URI", () => {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  assert.deepEqual([...decodeDataUri("data:image/png;base64,iVBORw0KGgo=")], signature);
  assert.deepEqual([...decodeDataUri("data:;base64,AAEC")], [0, 1, 2]);
  assert.deepEqual([...decodeDataUri("data:IMAGE/PNG;BASE64,AAE")], [0, 1]);
});

Deno.test("decodeDataUri() goes by the bytes: a PNG under another media type is read, as the SDK reads it", () => {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  for (const type of ["application/octet-stream", "image/jpeg", "text/plain"]) {
    assert.deepEqual([...decodeDataUri(`data:${type};base64,iVBORw0KGgo=`)], signature, type);
  }
});

Deno.test("encodeDataUri() and decodeDataUri() round-trip any bytes that start as a PNG does", () => {
  for (const length of [0, 1, 2, 3, 4, 5, 100_000]) {
    const bytes = new Uint8Array(length);
    crypto.getRandomValues(bytes.subarray(0, 65536));
    // Random bytes could start as a JPEG or a BMP does, which are refused by name.
    if (length > 0) bytes[0] = 0x89;
    const uri = encodeDataUri(bytes);
    assert.ok(uri.startsWith("data:image/png;base64,"));
    if (length > 0) assertSameData(decodeDataUri(uri), bytes);
  }
});

Deno.test("decodeDataUri() explains why a value is not a PNG data URI", async (t) => {
  const cases: [string, unknown, string][] = [
    ["a number", 42, "the mask is a number, not a data URI string"],
    ["null", null, "the mask is null, not a data URI string"],
    ["an object", { mask: "x" }, "the mask is an object, not a data URI string"],
    ["undefined", undefined, "the mask is undefined, not a data URI string"],
    ["an empty string", "", "the mask is an empty string, not a data URI"],
    [
      "a URL",
      "https://example.com/m.png",
      'not a data URI: it starts with "https://example.com/m.png"',
    ],
    ["no comma", "data:image/png;base64", 'has no "," before its payload'],
    [
      "a JPEG",
      `data:image/jpeg;base64,${btoa("\xff\xd8\xff\xe0")}`,
      'the mask is a JPEG image (data URI type "image/jpeg"), not a PNG',
    ],
    [
      "a JPEG under the PNG media type",
      `data:image/png;base64,${btoa("\xff\xd8\xff\xdb")}`,
      'the mask is a JPEG image (data URI type "image/png"), not a PNG',
    ],
    ["a BMP", `data:;base64,${btoa("BM6\0\0\0")}`, "the mask is a BMP image, not a PNG"],
    [
      "a WebP",
      `data:image/webp;base64,${btoa("RIFF\x24\0\0\0WEBPVP8 ")}`,
      'the mask is a WebP image (data URI type "image/webp"), not a PNG',
    ],
    ["not base64", "data:image/png,%89PNG", 'is not base64-encoded (no ";base64"'],
    ["an empty payload", "data:image/png;base64,", "has an empty payload"],
    [
      "a bad character",
      "data:image/png;base64,iVBO*w0K",
      'character "*" is not base64 (at payload character 4)',
    ],
    ["a bad length", "data:image/png;base64,iVBOR", "its length is not valid base64"],
    ["bad padding", "data:image/png;base64,iVBORw=", "its padding is wrong"],
    ["padding inside", "data:image/png;base64,iV==Rw0K", 'character "=" is not base64'],
  ];
  for (const [name, uri, message] of cases) {
    await t.step(name, () => {
      assert.throws(() => decodeDataUri(uri), errorWith(PngError, message));
    });
  }
});

Deno.test("decodeDataUri() skips line breaks and spaces in the payload, as Python's decoder does", () => {
  assert.deepEqual(
    decodeDataUri("data:image/png;base64,iVBO\r\nRw0K GgoA"),
    decodeDataUri("data:image/png;base64,iVBORw0KGgoA"),
  );
});
