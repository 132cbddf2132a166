/**
 * The benchmark's closing table: each ratio with its target and PASS or MISS.
 *
 * @module
 */

/** One measured ratio. */
export interface Line {
  /** What was measured. */
  ratio: string;
  /** The ratio (or time, with `unit`). */
  value: number;
  /** The unit of `value`; default `×`. */
  unit?: string;
  /** The target, as the issue words it. */
  target: string;
  /** Whether the target is met. */
  pass: boolean;
  /** Anything else worth a word. */
  note?: string;
}

/**
 * Prints the table on standard output.
 *
 * @param lines The measured ratios.
 */
export function printReport(lines: readonly Line[]): void {
  const width = Math.max(...lines.map((line) => line.ratio.length));
  console.log("\nResults (measured side by side in this run)");
  for (const line of lines) {
    const value = `${line.value.toFixed(2)}${line.unit ?? "×"}`;
    const note = line.note ? `  (${line.note})` : "";
    console.log(
      `  ${line.ratio.padEnd(width)}  ${value.padStart(7)}  target ${line.target.padEnd(22)} ${
        line.pass ? "PASS" : "MISS"
      }${note}`,
    );
  }
}
