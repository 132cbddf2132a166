// The rate of the first few tasks (a slow first page, cold workers) says little about the rest.
const ETA_MIN_DONE = 5;

/** Options of {@linkcode ProgressBar}. */
export interface ProgressBarOptions {
  /** Where the bar is drawn (a TTY's stderr). */
  write: (text: string) => void;
  /** The clock, in milliseconds. @default {performance.now} */
  now?: () => number;
  /** The bar's width in characters. @default {30} */
  width?: number;
  /** The least time between two redraws, in milliseconds. @default {100} */
  intervalMs?: number;
}

/**
 * A one-line progress bar for a terminal: counts, percentage, rate and time left, redrawn in
 * place with `\r`. The time left shows `--` until a few items are done.
 *
 * @example
 * ```ts
 * import { ProgressBar } from "@lab/masks/output";
 *
 * let screen = "";
 * let clock = 0;
 * const bar = new ProgressBar({ write: (text) => screen = text, now: () => clock });
 * clock = 2000;
 * bar.update(50, 100);
 * console.log(screen.includes("50/100")); // true
 * ```
 */
export class ProgressBar {
  #write: (text: string) => void;
  #now: () => number;
  #width: number;
  #intervalMs: number;
  #started: number;
  #drawnAt = -Infinity;
  #drawn = false;

  /**
   * Creates a progress bar; nothing is drawn before the first {@linkcode ProgressBar.update}.
   *
   * @param options Where to draw, and the clock.
   */
  constructor(options: ProgressBarOptions) {
    this.#write = options.write;
    this.#now = options.now ?? (() => performance.now());
    this.#width = options.width ?? 30;
    this.#intervalMs = options.intervalMs ?? 100;
    this.#started = this.#now();
  }

  /**
   * Redraws the bar, at most once per interval unless the work is done.
   *
   * @param done How many items are done.
   * @param total How many there are in all.
   */
  update(done: number, total: number): void {
    const now = this.#now();
    if (done < total && now - this.#drawnAt < this.#intervalMs) return;
    this.#drawnAt = now;
    this.#drawn = true;
    if (total <= 0) {
      // The total is unknown (an offline export is counted as it streams): counts and rate only.
      const rate = done / Math.max((now - this.#started) / 1000, 1e-3);
      this.#write(`\r${done} tasks  ${rate.toFixed(1)}/s\x1b[K`);
      return;
    }
    const share = Math.min(1, done / total);
    const filled = Math.round(share * this.#width);
    const seconds = (now - this.#started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 && done >= Math.min(ETA_MIN_DONE, total)
      ? (total - done) / rate
      : Infinity;
    this.#write(
      `\r[${"#".repeat(filled)}${"-".repeat(this.#width - filled)}] ${done}/${total} ` +
        `${(share * 100).toFixed(0)}%  ${rate.toFixed(1)}/s  ETA ${formatSeconds(left)}\x1b[K`,
    );
  }

  /** Ends the line the bar was drawn on, so later output starts on a fresh line. */
  end(): void {
    if (this.#drawn) this.#write("\n");
    this.#drawn = false;
  }
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--";
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
