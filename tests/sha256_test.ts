import assert from "./_std/assert.ts";
import { createHash } from "node:crypto";
import { Sha256 } from "../lib/sha256.ts";

/** Deterministic bytes that are not all alike (a linear congruential sequence). */
function bytesOf(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

function nodeSha256(...parts: (Uint8Array | string)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}

/** Every length up to four blocks (each padding case), then sizes of masks and of a large file. */
const LENGTHS = [
  ...Array.from({ length: 257 }, (_, length) => length),
  1_000,
  8_999,
  65_536,
  100_003,
  3_000_001,
];

Deno.test("Sha256 gives node:crypto's SHA-256 of every length up to four blocks and of large files", () => {
  const hasher = new Sha256();
  const wrong = LENGTHS.filter((length) => {
    const bytes = bytesOf(length, length);
    return hasher.update(bytes).digestHex() !== nodeSha256(bytes);
  });
  assert.deepEqual(wrong, []);
});

Deno.test("Sha256 gives the same digest whatever the pieces the bytes come in", () => {
  const bytes = bytesOf(1_000, 7);
  const expected = nodeSha256(bytes);
  const hasher = new Sha256();
  const wrong: string[] = [];
  for (const piece of [1, 3, 55, 56, 63, 64, 65, 127, 128, 129, 999]) {
    for (let at = 0; at < bytes.length; at += piece) hasher.update(bytes.subarray(at, at + piece));
    if (hasher.digestHex() !== expected) wrong.push(`pieces of ${piece}`);
  }
  // A view into a larger buffer, at an odd offset.
  const inside = new Uint8Array(bytes.length + 3);
  inside.set(bytes, 3);
  if (hasher.update(inside.subarray(3)).digestHex() !== expected) wrong.push("an offset view");
  assert.deepEqual(wrong, []);
});

Deno.test("Sha256 hashes text as UTF-8, as node:crypto does", () => {
  const text = "lab-masks-pixels/1 1920 1080 rgb8\nÉté ✓ 🙂\n";
  const hasher = new Sha256();
  assert.equal(hasher.update(text).digestHex(), nodeSha256(text));
  assert.equal(
    hasher.update("seed").update(new Uint8Array([0])).update("task-1").digestHex(),
    nodeSha256("seed", new Uint8Array([0]), "task-1"),
  );
});

Deno.test("Sha256 starts a new message after each digest: reused, it gives what a fresh one gives", () => {
  const reused = new Sha256();
  const wrong: number[] = [];
  for (const length of [0, 55, 56, 64, 200, 0, 1]) {
    const bytes = bytesOf(length, length + 1);
    // What the message before left (its last partial block, its length) must not leak.
    const fresh = new Sha256().update(bytes).digestHex();
    if (reused.update(bytes).digestHex() !== fresh || fresh !== nodeSha256(bytes)) {
      wrong.push(length);
    }
  }
  assert.deepEqual(wrong, []);
  assert.equal(
    reused.digestHex(),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "an empty message after a digest",
  );
});
