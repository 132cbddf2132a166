/**
 * How many pixels each label covers in an export's masks, read back from its files: what the
 * pixel shares of `diff` are counted from.
 *
 * @module
 */

import type { ManifestEntry } from "../model/manifest.ts";
import { decodeSamples } from "./_changed_pixels.ts";

/** Per label id, its pixels; and all labelled pixels. */
export interface LabelPixels {
  byLabel: Map<string, number>;
  total: number;
}

/** What a mask's values mean: the class map of `labelmap.json` (index → label id), if any. */
export interface PixelMeaning {
  maskFormat: string;
  labelByIndex: Map<number, string>;
}

/**
 * Adds one task's labelled pixels to `counts`: `rgb` and `instance` pixels by their instance's
 * label (the entry's `instances`), `class-index` and `palette` by the class map, `binary` by file.
 * A file `read` gives nothing for (a link, a non-regular file) is left out.
 */
export async function addLabelPixels(
  counts: LabelPixels,
  read: (path: string) => Promise<Uint8Array | undefined>,
  entry: ManifestEntry,
  meaning: PixelMeaning,
): Promise<void> {
  const add = (label: string | null | undefined, pixels = 1) => {
    if (label === undefined || label === null) return;
    counts.byLabel.set(label, (counts.byLabel.get(label) ?? 0) + pixels);
    counts.total += pixels;
  };
  const instances = entry.instances ?? {};
  for (const [i, file] of entry.files.entries()) {
    const bytes = await read(file.path);
    if (bytes === undefined) continue;
    const { data, pixelBytes } = decodeSamples(bytes);
    if (meaning.maskFormat === "binary") {
      let set = 0;
      for (let p = 0; p < data.length; p++) if (data[p] !== 0) set++;
      add(entry.labels?.[i], set);
    } else if (pixelBytes === 3) {
      for (let p = 0; p < data.length; p += 3) if (data[p] !== 0) add(instances[data[p]]);
    } else if (pixelBytes === 2) {
      for (let p = 0; p < data.length; p += 2) {
        const id = data[p] * 256 + data[p + 1];
        if (id !== 0) add(instances[id]);
      }
    } else {
      for (let p = 0; p < data.length; p++) {
        if (data[p] !== 0) add(meaning.labelByIndex.get(data[p]));
      }
    }
  }
}
