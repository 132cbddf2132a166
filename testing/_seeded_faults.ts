import { seededRandom } from "./seeded_random.ts";

/** A failure the fake lab can inject instead of (or before) a normal answer. */
export type FaultKind = "500" | "503" | "429" | "reset" | "delay";

/** Settings of the seeded fault injector. */
export interface FaultOptions {
  /** The share of non-login requests that get a fault, from 0 to 1. */
  rate: number;
  /** The seed: the same seed and the same sequence of requests give the same faults. */
  seed: number;
  /** The faults to draw from, evenly. Default: `["429", "500", "503"]`. */
  kinds?: FaultKind[];
  /** How long a `delay` fault holds the answer, in milliseconds. Default: 250. */
  delayMs?: number;
}

const DEFAULT_KINDS: FaultKind[] = ["429", "500", "503"];

/**
 * Returns a function that, called once per request, draws whether that request fails and how.
 * Uses mulberry32, a small seeded generator, so a test run is reproducible.
 */
export function seededFaults(options: FaultOptions): () => FaultKind | undefined {
  const kinds = options.kinds ?? DEFAULT_KINDS;
  if (!(options.rate >= 0 && options.rate <= 1) || kinds.length === 0) {
    throw new RangeError(
      `Fake lab faults need a rate from 0 to 1 and at least one kind, got rate ${options.rate}.`,
    );
  }
  const random = seededRandom(options.seed);
  return () => {
    if (random() >= options.rate) return undefined;
    return kinds[Math.floor(random() * kinds.length)];
  };
}
