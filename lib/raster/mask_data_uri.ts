/**
 * The platform's mask transport: a `data:image/png;base64,...` URI.
 *
 * @module
 */

import { PngError } from "../errors.ts";

/**
 * Extracts the PNG bytes from a mask's data URI (`data:image/png;base64,...`). The bytes decide,
 * as in the SDK, which hands them to OpenCV: a PNG under another media type
 * (`data:application/octet-stream;base64,...`) is read, while a JPEG, BMP, WebP or GIF mask is
 * refused by name, whatever its media type says (their colours are not the platform's label
 * colours: a JPEG's are lossy). The payload must be strict base64: a stray character is an error,
 * never skipped.
 *
 * @param uri The mask value as found in the task; anything that is not a string is refused.
 * @returns The PNG file's bytes (not checked further: {@linkcode decodePng} does that).
 * @throws {PngError} when the value is not a string, not a `data:` URI, not base64-encoded, has
 * invalid base64 or an empty payload, or holds a JPEG, BMP, WebP or GIF image.
 *
 * @example
 * ```ts
 * import { decodeDataUri } from "@lab/masks/raster";
 *
 * console.log(decodeDataUri("data:image/png;base64,iVBORw0KGgo=")); // the PNG signature's bytes
 * ```
 */
export function decodeDataUri(uri: unknown): Uint8Array {
  if (typeof uri !== "string") {
    const kind = uri === null || uri === undefined
      ? String(uri)
      : Array.isArray(uri)
      ? "an array"
      : typeof uri === "object"
      ? "an object"
      : `a ${typeof uri}`;
    throw new PngError(`the mask is ${kind}, not a data URI string`);
  }
  if (uri.length === 0) throw new PngError("the mask is an empty string, not a data URI");
  if (uri.slice(0, 5).toLowerCase() !== "data:") {
    throw new PngError(`the mask is not a data URI: it starts with ${quoteStart(uri)}`);
  }
  const comma = uri.indexOf(",");
  if (comma === -1) {
    throw new PngError(`the mask data URI has no "," before its payload: ${quoteStart(uri)}`);
  }
  const [mime, ...parameters] = uri.slice(5, comma).split(";").map((part) => part.trim());
  if (!parameters.some((parameter) => parameter.toLowerCase() === "base64")) {
    throw new PngError(
      `the mask data URI is not base64-encoded (no ";base64" in ${quoteStart(uri)})`,
    );
  }
  let payload = uri.slice(comma + 1);
  // Python's base64 decoder (the SDK's) skips line breaks and spaces: so do we.
  if (/\s/.test(payload)) payload = payload.replace(/\s+/g, "");
  if (payload.length === 0) throw new PngError("the mask data URI has an empty payload");
  let bytes: Uint8Array;
  try {
    // The runtime's strict decoder (standard alphabet, padding optional): ten times faster than
    // one in JavaScript on large masks; it does not say where the fault is, base64Fault() does.
    bytes = Uint8Array.fromBase64(payload);
  } catch {
    const fault = base64Fault(payload);
    throw new PngError(
      `the mask data URI holds invalid base64: ${fault.reason} (at payload character ${fault.position})`,
    );
  }
  const other = otherImageFormat(bytes);
  if (other !== undefined) {
    throw new PngError(
      `the mask is a ${other} image${
        mime === "" ? "" : ` (data URI type ${JSON.stringify(mime)})`
      }` +
        ", not a PNG: only PNG masks keep the label colours exactly",
    );
  }
  return bytes;
}

/** The image format other than PNG whose signature `bytes` start with, if any. */
function otherImageFormat(bytes: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "JPEG";
  if (ascii(0, 2) === "BM") return "BMP";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "WebP";
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return "GIF";
  return undefined;
}

const BASE64_CHARACTER = /[A-Za-z0-9+/]/;

/** Why `text` is not base64, and the index of the fault: its length, or its first bad character. */
function base64Fault(text: string): { position: number; reason: string } {
  const end = text.replace(/={1,2}$/, "").length;
  if (end % 4 === 1) return { position: text.length, reason: "its length is not valid base64" };
  if (text.length % 4 !== 0 && end !== text.length) {
    return { position: text.length, reason: "its padding is wrong" };
  }
  let position = 0;
  while (position < text.length && BASE64_CHARACTER.test(text[position])) position++;
  return { position, reason: `character ${JSON.stringify(text[position])} is not base64` };
}

function quoteStart(text: string): string {
  return JSON.stringify(text.length > 30 ? `${text.slice(0, 30)}…` : text);
}

/**
 * Wraps PNG bytes in a `data:image/png;base64,...` URI, as the platform stores masks.
 *
 * @param png The PNG file's bytes.
 * @returns The data URI.
 *
 * @example
 * ```ts
 * import { decodeDataUri, encodeDataUri } from "@lab/masks/raster";
 *
 * const uri = encodeDataUri(new Uint8Array([137, 80, 78, 71]));
 * console.log(uri); // "data:image/png;base64,iVBORw=="
 * console.log(decodeDataUri(uri).length); // 4
 * ```
 */
export function encodeDataUri(png: Uint8Array): string {
  return `data:image/png;base64,${png.toBase64()}`;
}
