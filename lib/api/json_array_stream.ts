/**
 * Reading JSON for offline conversion (`--from-export`): the elements of a huge top-level JSON
 * array one at a time, with memory bounded by the largest element, and small JSON files whole.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";
import { JsonScanner } from "./_json_scanner.ts";
import { parseJsonKeepingNumbers } from "./json_number_text.ts";
import { parseJsonText } from "../parse_json_text.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import { readNamedFile } from "../named_file.ts";

/** A configuration file is a project's labels and inputs: far less than this. */
const MAX_JSON_FILE_BYTES = 64 * 1024 * 1024;

/** The default {@linkcode JsonArrayItemsOptions.maxItemBytes}: 512 MiB. */
export const DEFAULT_MAX_ITEM_BYTES = 512 * 1024 * 1024;

const FILE_WORDS = {
  whole: "a JSON array of task documents",
  shape: `give the SDK's format="lab" export or a JSON array of task documents`,
  truncated: "the file is truncated; export it again",
  fix: "fix or export the file again",
};

/** Options of {@linkcode jsonArrayItems}. */
export interface JsonArrayItemsOptions {
  /** The largest element accepted, in bytes of JSON text. Default {@linkcode DEFAULT_MAX_ITEM_BYTES}. */
  maxItemBytes?: number;
  /** What the stream reads, named in error messages (normally the file's path). Default none. */
  source?: string;
}

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
 * array is closed, has a malformed element or data after the array, nests deeper than
 * `MAX_JSON_DEPTH` (512) levels, or an element is larger than `maxItemBytes`.
 *
 * @example
 * ```ts
 * import { jsonArrayItems } from "./json_array_stream.ts";
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
  const name = options.source === undefined
    ? "The JSON export"
    : `The JSON export ${JSON.stringify(options.source)}`;
  const fail = (message: string, cause?: unknown) =>
    new ConfigError(`${name} ${message}`, { setting: "exportFile", cause });
  const scanner = new JsonScanner("array", fail, FILE_WORDS);
  const element = new ElementText(scanner, fail, options.maxItemBytes ?? DEFAULT_MAX_ITEM_BYTES);
  const reader = stream.getReader();
  let finished = false;
  try {
    while (true) {
      const { value: chunk, done } = await reader.read();
      if (done) break;
      for (const { start, end } of scanner.scan(chunk)) {
        yield element.parse(chunk.subarray(start, end));
      }
      const open = scanner.openFrom;
      if (open !== undefined) element.add(chunk.subarray(open));
    }
    scanner.end();
    finished = true;
  } finally {
    // Stop the producer (and close its file) when the consumer stops early or we failed.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * The text of the element being read, decoded as its bytes come: the decoder carries a character
 * split across chunks, and no chunk is kept or copied once scanned.
 */
class ElementText {
  #scanner: JsonScanner;
  #fail: (message: string, cause?: unknown) => Error;
  #maxBytes: number;
  #decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  #parts: string[] = []; // the element's text from earlier chunks
  #bytes = 0;

  constructor(
    scanner: JsonScanner,
    fail: (message: string, cause?: unknown) => Error,
    maxBytes: number,
  ) {
    this.#scanner = scanner;
    this.#fail = fail;
    this.#maxBytes = maxBytes;
  }

  /** Adds the bytes of an element that goes on in the next chunk. */
  add(bytes: Uint8Array): void {
    this.#bytes += bytes.length;
    this.#checkSize(this.#bytes);
    this.#parts.push(this.#decode(bytes, false));
  }

  /** Adds the element's last bytes and parses its whole text. */
  parse(tail: Uint8Array): unknown {
    this.#checkSize(this.#bytes + tail.length);
    this.#parts.push(this.#decode(tail, true));
    const text = this.#parts.length === 1 ? this.#parts[0] : this.#parts.join("");
    this.#parts = [];
    this.#bytes = 0;
    try {
      return parseJsonKeepingNumbers(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const where = this.#scanner.where;
      // Where, not what: no text of the file is shown.
      throw this.#fail(`has a malformed ${where}: ${reason} of it; fix or export the file again.`);
    }
  }

  #checkSize(bytes: number): void {
    if (bytes <= this.#maxBytes) return;
    const { number, start } = this.#scanner.element;
    throw this.#fail(
      `has an element (number ${number}, from byte ${start}) larger than ${this.#maxBytes} ` +
        `bytes, the limit per element; raise maxItemBytes or split the export.`,
    );
  }

  #decode(bytes: Uint8Array, last: boolean): string {
    try {
      return this.#decoder.decode(bytes, { stream: !last });
    } catch (error) {
      const where = this.#scanner.where;
      throw this.#fail(`has ${where} that is not valid UTF-8; save the file as UTF-8.`, error);
    }
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
 * import { readJsonFile } from "./json_array_stream.ts";
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
    text = await readNamedFile(path, { maxBytes: MAX_JSON_FILE_BYTES });
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
    return parseJsonText(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (error) {
    // Where, not what: a file named by mistake may hold a secret.
    throw new ConfigError(
      settingMessage`The file ${JSON.stringify(path)} given with ${
        mention(setting)
      } is not valid JSON: ${
        error instanceof Error ? error.message : error
      }; fix it or export it again`,
      { setting },
    );
  }
}
