/** One bar of a histogram. */
export interface HistogramBin {
  /** What the bar counts, e.g. `3–4` or `< 1%`. */
  label: string;
  /** How many values fall in it. */
  count: number;
}

/** A bin's upper bound (inclusive) and its label; the last bin takes everything above. */
export interface BinEdge {
  /** The largest value in the bin. */
  max: number;
  /** The bin's label. */
  label: string;
}

/** Bins of instances per task: one per count up to 2, then doubling ranges. */
export const INSTANCE_BINS: readonly BinEdge[] = [
  { max: 0, label: "0" },
  { max: 1, label: "1" },
  { max: 2, label: "2" },
  { max: 4, label: "3–4" },
  { max: 8, label: "5–8" },
  { max: 16, label: "9–16" },
  { max: 32, label: "17–32" },
  { max: 64, label: "33–64" },
  { max: Infinity, label: "65+" },
];

/** Bins of labelled-pixel share per task: empty and near-empty masks get bars of their own. */
export const SHARE_BINS: readonly BinEdge[] = [
  { max: 0, label: "empty" },
  { max: 0.01, label: "< 1%" },
  { max: 0.05, label: "1–5%" },
  { max: 0.1, label: "5–10%" },
  { max: 0.25, label: "10–25%" },
  { max: 0.5, label: "25–50%" },
  { max: 0.75, label: "50–75%" },
  { max: Infinity, label: "75–100%" },
];

/**
 * Counts values into bins: each value goes to the first bin whose `max` is at least the value.
 *
 * @param values The values.
 * @param edges The bins, by increasing `max`; the last should be `Infinity`.
 * @returns One bin per edge, with its count.
 *
 * @example
 * ```ts
 * import { histogram, INSTANCE_BINS } from "@lab/masks/report";
 *
 * const bins = histogram([0, 1, 3, 4, 100], INSTANCE_BINS);
 * console.log(bins.map((bin) => bin.count).join(" ")); // 1 1 0 2 0 0 0 0 1
 * ```
 */
export function histogram(values: Iterable<number>, edges: readonly BinEdge[]): HistogramBin[] {
  const bins = edges.map(({ label }) => ({ label, count: 0 }));
  for (const value of values) bins[binOf(value, edges)].count++;
  return bins;
}

/**
 * The bin a value falls in: the first whose `max` is at least the value, else the last. An
 * export counts its tasks one by one with it, keeping only the bins.
 *
 * @param value The value.
 * @param edges The bins, by increasing `max`.
 * @returns The bin's index in `edges`.
 *
 * @example
 * ```ts
 * import { binOf, INSTANCE_BINS } from "@lab/masks/report";
 *
 * console.log(INSTANCE_BINS[binOf(3, INSTANCE_BINS)].label); // "3–4"
 * ```
 */
export function binOf(value: number, edges: readonly BinEdge[]): number {
  const at = edges.findIndex((edge) => value <= edge.max);
  return at < 0 ? edges.length - 1 : at;
}
