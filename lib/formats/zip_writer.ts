import { deflateRawSync } from "node:zlib";
import { crc32 } from "../flate/zlib.ts";
import { checkOptionTypes, type OptionTypes, wholeNumber } from "../option_types.ts";

/** Where a {@linkcode ZipWriter} writes: an open file, or any sink of bytes. */
export interface ByteSink {
  /** Writes all of `bytes`. */
  write(bytes: Uint8Array): Promise<unknown>;
}

interface CentralEntry {
  name: Uint8Array;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;
const FLUSH_AT = 1 << 16;
const TEXT = new TextEncoder();

/**
 * Writes a zip archive front to back, one deflated entry at a time, as Python's `zipfile` writes
 * the SDK's YOLO export: UTF-8 names, no directory entries, and the ZIP64 records when the archive
 * has 65,535 entries or more, or passes 4 GiB, so 100,000 label files still make a valid zip.
 *
 * Not an npm zip library: the small ones (fflate, jszip) cannot write ZIP64, which a project of
 * 65,535 tasks needs, and the ones that can (archiver, zip.js) bring streams or workers the
 * bundled Action would have to carry. Writing a zip is one header per entry and a directory.
 *
 * @example
 * ```ts
 * import { ZipWriter } from "@lab/masks/formats";
 *
 * const chunks: Uint8Array[] = [];
 * const zip = new ZipWriter({ write: async (bytes) => chunks.push(bytes.slice()) });
 * await zip.add("data.yaml", new TextEncoder().encode("nc: 0\nnames: []\n"));
 * await zip.close();
 * console.log(chunks.reduce((sum, chunk) => sum + chunk.length, 0) > 22); // true
 * ```
 */
export class ZipWriter {
  #sink: ByteSink;
  #entries: CentralEntry[] = [];
  #offset = 0;
  #pending: Uint8Array[] = [];
  #pendingSize = 0;
  #time: number;
  #date: number;

  /**
   * Starts an archive.
   *
   * @param sink Where the archive's bytes go, in order.
   * @param options The entries' modification time (local time, as zip stores it). Default: now.
   */
  constructor(sink: ByteSink, options: { modified?: Date } = {}) {
    this.#sink = sink;
    const at = options.modified ?? new Date();
    this.#time = (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1);
    this.#date = (Math.max(0, at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) |
      at.getDate();
  }

  /**
   * Adds one file, deflated.
   *
   * @param name The path inside the archive, `/`-separated.
   * @param bytes The file's content.
   */
  async add(name: string, bytes: Uint8Array): Promise<void> {
    await this.addDeflated(name, deflatedEntry(bytes));
  }

  /**
   * Adds one file deflated elsewhere (by {@linkcode deflatedEntry}, e.g. on a worker): the same
   * bytes as {@linkcode ZipWriter.add} writes.
   *
   * @param name The path inside the archive, `/`-separated.
   * @param file The file's deflated content, its CRC-32 and its size.
   */
  async addDeflated(name: string, file: DeflatedEntry): Promise<void> {
    const encodedName = TEXT.encode(name);
    const compressed = file.deflated;
    const entry = {
      name: encodedName,
      crc: file.crc,
      compressedSize: compressed.length,
      size: file.size,
      offset: this.#offset,
    };
    const header = new Uint8Array(30 + encodedName.length);
    const view = new DataView(header.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true);
    this.#common(view, 6, entry);
    view.setUint16(28, 0, true);
    header.set(encodedName, 30);
    this.#entries.push(entry);
    await this.#write(header);
    await this.#write(compressed);
  }

  /** Writes the central directory and the end records; the archive is then complete. */
  async close(): Promise<void> {
    const directoryOffset = this.#offset;
    for (const entry of this.#entries) {
      const far = entry.offset >= MAX_32;
      const header = new Uint8Array(46 + entry.name.length + (far ? 12 : 0));
      const view = new DataView(header.buffer);
      view.setUint32(0, 0x02014b50, true);
      view.setUint16(4, (3 << 8) | 45, true); // made by: Unix, zip 4.5
      view.setUint16(6, far ? 45 : 20, true);
      this.#common(view, 8, entry);
      // Comment length, disk, internal attributes: 0; external: a regular file, rw-r--r--.
      view.setUint32(38, (0o100644 << 16) >>> 0, true);
      view.setUint32(42, far ? MAX_32 : entry.offset, true);
      header.set(entry.name, 46);
      if (far) {
        const extra = 46 + entry.name.length;
        view.setUint16(30, 12, true);
        view.setUint16(extra, 0x0001, true);
        view.setUint16(extra + 2, 8, true);
        view.setBigUint64(extra + 4, BigInt(entry.offset), true);
      }
      await this.#write(header);
    }
    const directorySize = this.#offset - directoryOffset;
    const count = this.#entries.length;
    const zip64 = count >= MAX_16 || directoryOffset >= MAX_32 || directorySize >= MAX_32;
    if (zip64) {
      const record = new Uint8Array(56 + 20);
      const view = new DataView(record.buffer);
      view.setUint32(0, 0x06064b50, true);
      view.setBigUint64(4, 44n, true);
      view.setUint16(12, 45, true);
      view.setUint16(14, 45, true);
      view.setBigUint64(24, BigInt(count), true);
      view.setBigUint64(32, BigInt(count), true);
      view.setBigUint64(40, BigInt(directorySize), true);
      view.setBigUint64(48, BigInt(directoryOffset), true);
      view.setUint32(56, 0x07064b50, true);
      view.setBigUint64(64, BigInt(this.#offset), true);
      view.setUint32(72, 1, true);
      await this.#write(record);
    }
    const end = new Uint8Array(22);
    const view = new DataView(end.buffer);
    view.setUint32(0, 0x06054b50, true);
    view.setUint16(8, Math.min(count, MAX_16), true);
    view.setUint16(10, Math.min(count, MAX_16), true);
    view.setUint32(12, Math.min(directorySize, MAX_32), true);
    view.setUint32(16, Math.min(directoryOffset, MAX_32), true);
    await this.#write(end);
    await this.#flush();
  }

  /** The fields local and central headers share, from the flags to the extra field's length. */
  #common(view: DataView, at: number, entry: CentralEntry): void {
    view.setUint16(at, UTF8_NAMES, true);
    view.setUint16(at + 2, DEFLATE, true);
    view.setUint16(at + 4, this.#time, true);
    view.setUint16(at + 6, this.#date, true);
    view.setUint32(at + 8, entry.crc, true);
    view.setUint32(at + 12, entry.compressedSize, true);
    view.setUint32(at + 16, entry.size, true);
    view.setUint16(at + 20, entry.name.length, true);
  }

  async #write(bytes: Uint8Array): Promise<void> {
    this.#pending.push(bytes);
    this.#pendingSize += bytes.length;
    this.#offset += bytes.length;
    if (this.#pendingSize >= FLUSH_AT) await this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#pendingSize === 0) return;
    const joined = new Uint8Array(this.#pendingSize);
    let at = 0;
    for (const part of this.#pending) {
      joined.set(part, at);
      at += part.length;
    }
    this.#pending = [];
    this.#pendingSize = 0;
    await this.#sink.write(joined);
  }
}

/** A file as a zip entry holds it: raw-deflated, with the CRC-32 and size of its content. */
export interface DeflatedEntry {
  /** The content, raw-deflated (zlib's defaults, as Python's `zipfile`). */
  deflated: Uint8Array;
  /** The content's CRC-32. */
  crc: number;
  /** The content's size in bytes. */
  size: number;
}

/** How {@linkcode deflatedEntry} deflates. */
export interface DeflateOptions {
  /**
   * zlib's compression level, 1 (fastest) to 9 (smallest).
   *
   * @default {6} zlib's default, as {@linkcode ZipWriter.add} and Python's `zipfile`
   */
  level?: number;
}

/**
 * Deflates a file for {@linkcode ZipWriter.addDeflated}, as {@linkcode ZipWriter.add} would, or at
 * another level.
 *
 * @param bytes The file's content.
 * @param options `level`.
 * @returns Its entry.
 *
 * @example
 * ```ts
 * import { deflatedEntry } from "@lab/masks/formats";
 *
 * const entry = deflatedEntry(new TextEncoder().encode("0 0.5 0.5\n"), { level: 3 });
 * console.log(entry.size, entry.crc.toString(16)); // 10 "6ad78a8"
 * ```
 */
export function deflatedEntry(bytes: Uint8Array, options: DeflateOptions = {}): DeflatedEntry {
  checkOptionTypes(options, DEFLATE_OPTIONS);
  const deflated = deflateRawSync(
    bytes,
    options.level === undefined ? {} : { level: options.level },
  );
  return { deflated, crc: crc32(bytes), size: bytes.length };
}

const DEFLATE_OPTIONS: OptionTypes<DeflateOptions> = { level: wholeNumber(1, 9) };
