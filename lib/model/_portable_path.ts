import { createHash } from "node:crypto";
import type { Platform } from "./platform.ts";

/**
 * The longest file or folder name written, in bytes of UTF-8. File systems allow 255 (ext4, APFS:
 * bytes; NTFS: UTF-16 units, never more than UTF-8 bytes); the rest is room for the temporary
 * name a file is written under before its rename (`.<name>.<random>.tmp`).
 */
export const MAX_NAME_BYTES = 200;

// Windows opens these devices whatever the extension, and drops trailing dots and spaces.
const RESERVED_NAME = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)(?=[. ]|$)/i;
// Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) would make a listed name
// display as another one, so they go like control characters.
// deno-lint-ignore no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\\]/g;
// Windows refuses these in names; Linux and macOS keep them, so names stay the SDK's there.
const WINDOWS_REFUSED = /[<>:"|?*]/g;
const ENCODER = new TextEncoder();
// A path every rule above leaves as it is: names of ASCII letters, digits, `_`, `-` and `.`, none
// empty or ending in `.`, none a device name, all of them short (as most tasks' paths are).
const PLAIN_PATH = /^(?:[\w.-]*[\w-]\/)*[\w.-]*[\w-]$/;
const DEVICE_NAME = /(?:^|\/)(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(?:[./]|$)/i;

/** A path made portable, and what was changed to make it so (nothing when it already was). */
export interface PortablePath {
  /** The relative path, `/`-separated, every name safe on Linux, macOS and Windows. */
  path: string;
  /** What was changed, as clauses for a report, e.g. `"CON" is a device name on Windows`. */
  changes: string[];
}

/**
 * Makes a relative `/`-separated path safe to create under a folder on any common file system,
 * name by name: empty names are dropped; control characters, bidirectional overrides and `\`
 * become `_`; a Windows device
 * name (`CON`, `nul.txt`, `COM1.jpg`...) gets `_` after the device word; a name ending in `.` or a
 * space gets `_` (so `.` and `..` become `._` and `.._`); a name longer than
 * {@linkcode MAX_NAME_BYTES} is cut by {@linkcode fitName}. For `"windows"`, the characters
 * Windows refuses (`< > : " | ? *`) become `_` as well. A path that is already portable comes
 * back unchanged, so applying this twice changes nothing more.
 *
 * @param path The relative path, `/`-separated.
 * @param platform The platform the files are made on.
 * @throws {RangeError} when the path has no name at all.
 */
export function portablePath(path: string, platform: Platform): PortablePath {
  if (path.length <= MAX_NAME_BYTES && PLAIN_PATH.test(path) && !DEVICE_NAME.test(path)) {
    return { path, changes: [] };
  }
  const changes = new Set<string>();
  const names = path.split("/").filter((name) => name !== "");
  if (names.length === 0) throw new RangeError(`The path ${JSON.stringify(path)} has no name.`);
  const portable = names.map((name, i) => {
    let safe = name.replace(UNSAFE_CHARACTERS, "_");
    if (safe !== name) {
      changes.add('a control character, bidirectional override or "\\" became "_"');
    }
    const refused = platform === "windows" ? safe.replace(WINDOWS_REFUSED, "_") : safe;
    if (refused !== safe) {
      safe = refused;
      changes.add('a character Windows refuses in names (< > : " | ? *) became "_"');
    }
    const device = RESERVED_NAME.exec(safe)?.[1];
    if (device !== undefined) {
      safe = `${device}_${safe.slice(device.length)}`;
      changes.add(`"${device}" is a device name on Windows, so it became "${device}_"`);
    }
    if (/[. ]$/.test(safe)) {
      safe += "_";
      changes.add('a name ending in "." or " " (Windows drops them) got "_"');
    }
    const last = i === names.length - 1;
    const extension = last && safe.endsWith(".png") ? ".png" : "";
    const fitted = fitName(safe.slice(0, safe.length - extension.length), extension);
    if (fitted !== safe) changes.add(`a name longer than ${MAX_NAME_BYTES} bytes was shortened`);
    return fitted;
  });
  return { path: portable.join("/"), changes: [...changes] };
}

/**
 * `stem + suffix` when it fits in {@linkcode MAX_NAME_BYTES} bytes of UTF-8; otherwise the stem
 * cut at a character boundary, `~`, the first 12 hex digits of the SHA-256 of the whole stem (so
 * names that share a long beginning stay apart), and the suffix.
 */
export function fitName(stem: string, suffix = ""): string {
  // A UTF-16 unit is at most 3 bytes of UTF-8: a short name fits without being measured.
  const short = (stem.length + suffix.length) * 3 <= MAX_NAME_BYTES;
  if (short || byteLength(stem) + byteLength(suffix) <= MAX_NAME_BYTES) return stem + suffix;
  const mark = `~${createHash("sha256").update(stem).digest("hex").slice(0, 12)}`;
  const room = MAX_NAME_BYTES - byteLength(suffix) - mark.length;
  let head = "";
  let used = 0;
  for (const character of stem) {
    const size = byteLength(character);
    if (used + size > room) break;
    head += character;
    used += size;
  }
  return head + mark + suffix;
}

function byteLength(text: string): number {
  return ENCODER.encode(text).length;
}
