/**
 * A turn of the event loop in the middle of long work on the main thread: what became ready
 * meanwhile (answers to requests, workers' messages, timers) is handled before the work goes on.
 * A synchronous read's promise resolves at once, so a loop over them never lets those through.
 *
 * @module
 */

import { setImmediate } from "node:timers";

/**
 * Resolves once the event loop has run its ready callbacks: about 20 µs when none are, where a
 * `setTimeout(0)` chained in a loop is held to 4 ms by the timers' nesting clamp.
 *
 * @returns A promise of the next turn.
 *
 * @example
 * ```ts
 * import { eventTurn } from "./_event_turn.ts";
 *
 * let seen = false;
 * setTimeout(() => seen = true, 0);
 * while (!seen) await eventTurn();
 * console.log(seen); // true
 * ```
 */
export function eventTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
