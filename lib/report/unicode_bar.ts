/** Block characters of one to seven eighths of a cell, for the fraction after the full cells. */
const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/**
 * A horizontal bar of Unicode block characters, for text tables (the job summary): `width`
 * cells for a fraction of 1, drawn to an eighth of a cell; a non-zero fraction shows at least
 * an eighth.
 *
 * @param fraction From 0 to 1 (clamped).
 * @param width The cells of a full bar. @default {20}
 * @returns The bar, without padding.
 *
 * @example
 * ```ts
 * import { unicodeBar } from "@lab/masks/report";
 *
 * console.log(unicodeBar(0.5, 4), unicodeBar(0.3, 4)); // ██ █▎
 * ```
 */
export function unicodeBar(fraction: number, width: number = 20): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  let eighths = Math.round(clamped * width * 8);
  if (eighths === 0 && clamped > 0) eighths = 1;
  return "█".repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}
