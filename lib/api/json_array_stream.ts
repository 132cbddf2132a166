/**
 * Reading JSON for offline conversion (`--from-export`): the elements of a huge top-level JSON
 * array one at a time, with memory bounded by the largest element, and small JSON files whole.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from "./_json_bytes.ts";

/** The default {@linkcode JsonArrayItemsOptions.maxItemBytes}: 512 MiB. */
export const DEFAULT_MAX_ITEM_BYTES = 512 * 1024 * 1024;

/** Options of {@linkcode jsonArrayItems}. */
export interface JsonArrayItemsOptions {
  /** The largest element accepted, in bytes of JSON text. Default {@linkcode DEFAULT_MAX_ITEM_BYTES}. */
  maxItemBytes?: number;
  /** What the stream reads, named in error messages (normally the file's path). Default none. */
  source?: string;
}

const BOM = [0xef, 0xbb, 0xbf];

// Where the scanner stands: before the `[`, after it, after a `,`, inside an element, after `]`.
const BEFORE_ARRAY = 0;
const FIRST_ELEMENT = 1;
const NEXT_ELEMENT = 2;
const IN_ELEMENT = 3;
const AFTER_ARRAY = 4;

/**
 * Yields the elements of a top-level JSON array, one at a time, parsed with `JSON.parse`, without
 * ever holding the whole text: a byte scanner follows strings, escapes and nesting to find where
 * each element ends, and only that element's bytes are kept. Elements are cut at ASCII `,` and
 * `]`, so a multi-byte UTF-8 character split across chunks is never cut. A leading UTF-8 BOM and
 * whitespace anywhere are accepted. Breaking out of the loop, or an error, cancels the stream.
 *
 * Byte offsets in messages count from 0 at the stream's first byte.
 *
 * @param stream The JSON text, e.g. `(await Deno.open(path)).readable`.
 * @param options The element size limit and the source named in messages.
 * @returns The elements, in order.
 * @throws {ConfigError} (setting `from-export`) when the text is not a JSON array, ends before the
 * array is closed, has a malformed element or data after the array, or an element is larger than
 * `maxItemBytes`.
 *
 * @example
 * ```ts
 * import { jsonArrayItems } from "@lab/masks";
 *
 * const text = '[{"_id": "t1", "name": "a.jpg"}, {"_id": "t2", "name": "[b],c.jpg"}]\n';
 * const stream = ReadableStream.from([new TextEncoder().encode(text)]);
 * for await (const task of jsonArrayItems(stream, { source: "export.json" })) {
 *   console.log(task); // { _id: "t1", name: "a.jpg" }, then { _id: "t2", name: "[b],c.jpg" }
 * }
 * ```
 */
export async function* jsonArrayItems(
  stream: ReadableStream<Uint8Array>,
  options: JsonArrayItemsOptions = {},
): AsyncGenerator<unknown> {
  const maxItemBytes = options.maxItemBytes ?? DEFAULT_MAX_ITEM_BYTES;
  const name = options.source === undefined
    ? "The JSON export"
    : `The JSON export ${JSON.stringify(options.source)}`;
  const fail = (message: string, cause?: unknown) =>
    new ConfigError(`${name} ${message}`, { setting: "exportFile", cause });
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  const reader = stream.getReader();
  let finished = false;
  let phase = BEFORE_ARRAY;
  let bomBytes = 0; // how many bytes of a leading UTF-8 BOM were seen
  let offset = 0; // the stream offset of the current chunk's first byte
  let inString = false;
  let escaped = false;
  const closers: number[] = []; // the bracket each open `{` or `[` of the element expects
  let parts: string[] = []; // the current element's text from earlier chunks
  let partBytes = 0;
  let elementStart = 0;
  let elementNumber = 0;

  const checkSize = (bytes: number) => {
    if (bytes <= maxItemBytes) return;
    throw fail(
      `has an element (number ${elementNumber}, from byte ${elementStart}) larger than ` +
        `${maxItemBytes} bytes, the limit per element; raise maxItemBytes or split the export.`,
    );
  };
  const where = () => `element ${elementNumber} (from byte ${elementStart})`;
  // Decodes the element's bytes as they come: the decoder carries a character split across
  // chunks, and no chunk is kept or copied once scanned.
  const decode = (bytes: Uint8Array, last: boolean): string => {
    try {
      return decoder.decode(bytes, { stream: !last });
    } catch (error) {
      throw fail(`has ${where()} that is not valid UTF-8; save the file as UTF-8.`, error);
    }
  };
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw fail(`has a malformed ${where()}: ${reason}; fix or export the file again.`, error);
    }
  };

  try {
    while (true) {
      const { value: chunk, done } = await reader.read();
      if (done) break;
      let start = 0; // where the current element starts in this chunk
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (phase !== IN_ELEMENT) {
          if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
          if (phase === BEFORE_ARRAY) {
            const at = offset + i;
            if (at === bomBytes && at < BOM.length && byte === BOM[at]) {
              bomBytes++;
              continue;
            }
            if (byte !== OPEN_BRACKET || (bomBytes > 0 && bomBytes < BOM.length)) {
              throw fail(
                `is not a JSON array: byte ${at} is ${describe(byte)} where "[" should open it; ` +
                  `give the SDK's format="lab" export or a JSON array of task documents.`,
              );
            }
            phase = FIRST_ELEMENT;
            continue;
          }
          if (phase === AFTER_ARRAY) {
            throw fail(
              `has ${describe(byte)} after its array, at byte ${offset + i}; ` +
                `the file must hold one JSON array and nothing else.`,
            );
          }
          if (byte === CLOSE_BRACKET && phase === FIRST_ELEMENT) {
            phase = AFTER_ARRAY;
            continue;
          }
          elementNumber++;
          elementStart = offset + i;
          if (byte === COMMA || byte === CLOSE_BRACKET) {
            throw fail(
              `has a malformed element ${elementNumber} (at byte ${elementStart}): ` +
                `${describe(byte)} where a value should be; fix or export the file again.`,
            );
          }
          phase = IN_ELEMENT;
          start = i;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) inString = false;
          continue;
        }
        if (byte === QUOTE) inString = true;
        else if (byte === OPEN_BRACE) closers.push(CLOSE_BRACE);
        else if (byte === OPEN_BRACKET) closers.push(CLOSE_BRACKET);
        else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && closers.length > 0) {
          const expected = closers.pop() as number;
          if (expected !== byte) {
            throw fail(
              `has a malformed ${where()}: ${describe(byte)} at byte ${offset + i} where ` +
                `${describe(expected)} should close; fix or export the file again.`,
            );
          }
        } else if ((byte === COMMA || byte === CLOSE_BRACKET) && closers.length === 0) {
          const tail = chunk.subarray(start, i);
          checkSize(partBytes + tail.length);
          parts.push(decode(tail, true));
          const text = parts.length === 1 ? parts[0] : parts.join("");
          parts = [];
          partBytes = 0;
          phase = byte === COMMA ? NEXT_ELEMENT : AFTER_ARRAY;
          yield parse(text);
        }
      }
      if (phase === IN_ELEMENT) {
        partBytes += chunk.length - start;
        checkSize(partBytes);
        parts.push(decode(chunk.subarray(start), false));
      }
      offset += chunk.length;
    }
    if (phase === BEFORE_ARRAY) {
      throw fail(`is empty (${offset} bytes); it must hold a JSON array of task documents.`);
    }
    if (phase !== AFTER_ARRAY) {
      const inside = phase === IN_ELEMENT
        ? `inside element ${elementNumber} (from byte ${elementStart})`
        : "before its array is closed";
      throw fail(`ends at byte ${offset}, ${inside}: the file is truncated; export it again.`);
    }
    finished = true;
  } finally {
    // Stop the producer (and close its file) when the consumer stops early or we failed.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * Reads a small JSON file whole, e.g. the project configuration given with `--config`.
 *
 * @param path The file's path.
 * @param setting The setting that named the file, by its key (`configFile`), for the error.
 * @returns The parsed JSON value.
 * @throws {ConfigError} (with this setting) when the file cannot be read or is not valid JSON.
 *
 * @example
 * ```ts
 * import { readJsonFile } from "@lab/masks";
 *
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(path, '{"projectId": "p1", "projectType": "iat-polygon"}');
 * console.log(await readJsonFile(path, "configFile")); // { projectId: "p1", projectType: "iat-polygon" }
 * await Deno.remove(path);
 * ```
 */
export async function readJsonFile(path: string, setting: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new ConfigError(
      settingMessage`The file ${JSON.stringify(path)} given with ${
        mention(setting)
      } cannot be read: ${
        error instanceof Error ? error.message : error
      }; check the path and its permissions`,
      { setting, cause: error },
    );
  }
  try {
    return JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (error) {
    throw new ConfigError(
      settingMessage`The file ${JSON.stringify(path)} given with ${
        mention(setting)
      } is not valid JSON: ${
        error instanceof Error ? error.message : error
      }; fix it or export it again`,
      { setting, cause: error },
    );
  }
}

/** A byte for a message: the character when printable ASCII, else its hex code. */
function describe(byte: number): string {
  return byte > 0x20 && byte < 0x7f
    ? JSON.stringify(String.fromCharCode(byte))
    : `the byte 0x${byte.toString(16).padStart(2, "0")}`;
}
