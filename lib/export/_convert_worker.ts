/**
 * The worker side of `ConvertPool`: converts one mask per message with {@linkcode convertMask}
 * and posts the PNG bytes back (transferred, not copied), or the error's class and message.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { ConfigError } from "../errors.ts";
import { convertMask, type ConvertMaskOptions } from "./convert_mask.ts";

/** A job, as `ConvertPool` posts it. */
export interface ConvertJob {
  /** The job's number, echoed in the answer. */
  id: number;
  /** The task's mask value. */
  mask: unknown;
  /** The conversion options (plain data: structured-cloned). */
  options: ConvertMaskOptions;
}

/** The worker's answer: the PNG bytes, or the error that stopped the conversion. */
export type ConvertAnswer =
  | { id: number; png: Uint8Array }
  | { id: number; error: { name: string; message: string; setting?: string } };

self.onmessage = async (event: MessageEvent<ConvertJob>) => {
  const { id, mask, options } = event.data;
  let answer: ConvertAnswer;
  try {
    let png = await convertMask(mask, options);
    // A mask written as it came may be a view into a larger buffer: send exactly its bytes.
    if (png.byteOffset !== 0 || png.byteLength !== png.buffer.byteLength) png = png.slice();
    self.postMessage({ id, png } satisfies ConvertAnswer, [png.buffer as ArrayBuffer]);
    return;
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    const setting = error instanceof ConfigError ? error.setting : undefined;
    answer = { id, error: { name, message, setting } };
  }
  self.postMessage(answer);
};
