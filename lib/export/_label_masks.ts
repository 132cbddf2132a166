/**
 * The binary masks of a strip of RGB rows, one label at a time, for the `binary` format.
 *
 * @module
 */

/**
 * The binary masks of a strip, one label at a time: each pixel's label (its bChannel, 0 where
 * red is 0) is read once per strip, then each label's mask is made four pixels at a time (the
 * bytes of a word equal to the label become 255, the others 0), but on the rows without the
 * label, which are zeros and, below another such row, known to repeat the row above. When a label
 * has bChannel 0, which the per-strip labels cannot tell from "none", each mask is made from the
 * RGB rows.
 *
 * @example
 * ```ts
 * import { LabelMasks } from "./_label_masks.ts";
 *
 * const masks = new LabelMasks(true);
 * const seen = new Uint8Array(256);
 * masks.takeStrip(new Uint8Array([0, 0, 0, 5, 5, 2, 6, 6, 3]), seen, 1);
 * console.log(seen[2], [...masks.of(2).mask]); // 1 [0, 255, 0]
 * ```
 */
export class LabelMasks {
  #words: boolean;
  #labels = new Int32Array(0);
  #labelBytes = new Uint8Array(0);
  #mask = new Int32Array(0);
  #maskBytes = new Uint8Array(0);
  #data: Uint8Array = new Uint8Array(0);
  #pixels = 0;
  /** Pixels a row, and which rows of the strip repeat the row above (1), when known. */
  #width = 0;
  #repeats?: Uint8Array;
  /** Per row of the strip, 256 bytes: 1 at each bChannel the row holds (words mode). */
  #rowSeen = new Uint8Array(0);
  /** The same for the row above the strip's first (the last strip's last row). */
  #aboveSeen = new Uint8Array(256);
  /** Per row of the strip, for the mask asked last: 1 where it repeats the row above. */
  #maskRepeats = new Uint8Array(0);

  /** @param words Whether no label has bChannel 0 (the masks are then made a word at a time). */
  constructor(words: boolean) {
    this.#words = words;
  }

  /**
   * Takes a strip of RGB rows, marking in `seen` each bChannel with a red above 0; a row that
   * `repeats` says repeats the row above (but the strip's first) is copied, not read.
   */
  takeStrip(
    data: Uint8Array,
    seen: Uint8Array,
    count: number,
    repeats?: Uint8Array,
  ): void {
    const pixels = data.length / 3;
    this.#data = data;
    this.#pixels = pixels;
    this.#width = count === 0 ? 0 : pixels / count;
    this.#repeats = repeats;
    if (this.#mask.length * 4 < pixels) {
      this.#labels = new Int32Array(Math.ceil(pixels / 4));
      this.#labelBytes = new Uint8Array(this.#labels.buffer);
      this.#mask = new Int32Array(this.#labels.length);
      this.#maskBytes = new Uint8Array(this.#mask.buffer);
    }
    if (!this.#words) {
      for (let i = 0; i < data.length; i += 3) if (data[i] !== 0) seen[data[i + 2]] = 1;
      return;
    }
    if (this.#rowSeen.length < count * 256) {
      this.#rowSeen = new Uint8Array(count * 256);
      this.#maskRepeats = new Uint8Array(count);
    }
    const rowSeen = this.#rowSeen;
    this.#rowLabels(data, count, repeats);
    labelsHeld(rowSeen, count, seen);
    // The pixels past the strip's end in the last word: no label.
    this.#labelBytes.fill(0, pixels, Math.ceil(pixels / 4) * 4);
  }

  /** Reads each pixel's label and which labels each row holds, a repeated row copied. */
  #rowLabels(data: Uint8Array, count: number, repeats?: Uint8Array): void {
    const labels = this.#labelBytes;
    const rowSeen = this.#rowSeen;
    const width = this.#width;
    for (let row = 0, p = 0; row < count; row++) {
      const base = row * 256;
      if (row > 0 && repeats?.[row] === 1) {
        labels.copyWithin(p, p - width, p);
        rowSeen.copyWithin(base, base - 256, base);
        p += width;
        continue;
      }
      rowSeen.fill(0, base, base + 256);
      for (let i = p * 3, end = p + width; p < end; i += 3, p++) {
        const label = data[i] === 0 ? 0 : data[i + 2];
        labels[p] = label;
        rowSeen[base + label] = 1;
      }
    }
  }

  /**
   * Ends a strip: its last row's labels are those above the next strip's first row.
   *
   * @param count The strip's rows.
   */
  endStrip(count: number): void {
    if (this.#words && count > 0) {
      this.#aboveSeen.set(this.#rowSeen.subarray((count - 1) * 256, count * 256));
    }
  }

  /**
   * The strip's mask of the label with `bChannel`: 255 on its pixels, 0 elsewhere; and, when
   * known, which rows repeat the row above (valid until the next call).
   */
  of(bChannel: number): { mask: Uint8Array; repeats?: Uint8Array } {
    const mask = this.#maskBytes.subarray(0, this.#pixels);
    if (!this.#words) {
      const data = this.#data;
      for (let i = 0, p = 0; i < data.length; i += 3, p++) {
        mask[p] = data[i] !== 0 && data[i + 2] === bChannel ? 255 : 0;
      }
      return { mask, repeats: this.#repeats };
    }
    const end = Math.ceil(this.#pixels / 4);
    const repeats = this.#labelRepeats(bChannel);
    if (this.#width % 4 !== 0) {
      this.#maskWords(bChannel, 0, end);
      return { mask, repeats };
    }
    // Rows of whole words: a row without the label is zeros; a repeated row (but the strip's
    // first) is copied from the row above.
    const rowWords = this.#width / 4;
    const rowSeen = this.#rowSeen;
    for (let row = 0, w = 0; w < end; row++, w += rowWords) {
      if (rowSeen[row * 256 + bChannel] === 0) this.#mask.fill(0, w, w + rowWords);
      else if (row > 0 && this.#repeats?.[row] === 1) {
        this.#mask.copyWithin(w, w - rowWords, w);
      } else this.#maskWords(bChannel, w, w + rowWords);
    }
    return { mask, repeats };
  }

  /** Per row, 1 where the label's mask repeats the row above: the RGB row does, or both lack it. */
  #labelRepeats(bChannel: number): Uint8Array {
    const count = this.#width === 0 ? 0 : this.#pixels / this.#width;
    const out = this.#maskRepeats.subarray(0, count);
    const rowSeen = this.#rowSeen;
    let above = this.#aboveSeen[bChannel];
    for (let row = 0; row < count; row++) {
      const here = rowSeen[row * 256 + bChannel];
      out[row] = this.#repeats?.[row] === 1 || (here === 0 && above === 0) ? 1 : 0;
      above = here;
    }
    return out;
  }

  /** The mask of the label with `bChannel` in the words `[from, to)`, four pixels at a time. */
  #maskWords(bChannel: number, from: number, to: number): void {
    const labels = this.#labels;
    const words = this.#mask;
    const repeated = Math.imul(bChannel, 0x01010101);
    for (let w = from; w < to; w++) {
      const x = labels[w] ^ repeated;
      // A byte of x is 0 where the label is: its high bit stays clear in `t` alone.
      const t = (((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
      words[w] = Math.imul((~t & 0x80808080) >>> 7, 255);
    }
  }
}

/**
 * Marks in `inStrip` (cleared first) the labels some row of a strip holds.
 *
 * @param seen 256 bytes a row: 1 at each label the row holds.
 * @param count The strip's rows.
 * @param inStrip 256 bytes: 1 at each label the strip holds.
 */
export function labelsHeld(seen: Uint8Array, count: number, inStrip: Uint8Array): void {
  if (seen.byteOffset % 4 !== 0) {
    inStrip.fill(0);
    for (let i = 0; i < count * 256; i++) inStrip[i & 255] |= seen[i];
    return;
  }
  // The rows' marks, 0 or 1, ORed four at a time.
  const words = new Int32Array(seen.buffer, seen.byteOffset, count * 64);
  const held = new Int32Array(64);
  for (let row = 0; row < count * 64; row += 64) {
    for (let w = 0; w < 64; w++) held[w] |= words[row + w];
  }
  inStrip.set(new Uint8Array(held.buffer));
}
