/**
 * Huffman code lengths and canonical codes for deflate's dynamic blocks (RFC 1951, 3.2.2).
 *
 * @module
 */

/**
 * Code lengths for symbols of the given frequencies, none longer than `limit`: a Huffman tree
 * built from the frequencies, and, when it is too deep, built again from frequencies halved
 * (each used symbol keeps at least 1) until it fits. Every code is complete: two used symbols
 * at least, or the caller adds one.
 *
 * @param frequencies How often each symbol occurs; 0 for unused symbols.
 * @param limit The longest code allowed (15 for deflate's alphabets, 7 for code lengths).
 * @param out Where the lengths go, as many bytes as symbols (default: a new array).
 * @returns Each symbol's code length in bits, 0 for unused symbols (`out`).
 *
 * @example
 * ```ts
 * import { huffmanLengths } from "./_huffman.ts";
 *
 * console.log([...huffmanLengths(new Uint32Array([5, 1, 1, 0]), 15)]); // [1, 2, 2, 0]
 * ```
 */
export function huffmanLengths(
  frequencies: Uint32Array,
  limit: number,
  out: Uint8Array = new Uint8Array(frequencies.length),
): Uint8Array {
  const weights = weightsOf(frequencies);
  for (;;) {
    const lengths = treeDepths(weights, out);
    let longest = 0;
    for (let i = 0; i < lengths.length; i++) longest = Math.max(longest, lengths[i]);
    if (longest <= limit) return lengths;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] > 0) weights[i] = Math.max(1, weights[i] >>> 1);
    }
  }
}

/**
 * The scratch space of {@linkcode huffmanLengths} and {@linkcode treeDepths}, grown to the largest
 * alphabet asked: a worker builds three trees a block, file after file, and fresh arrays for each
 * would be garbage.
 */
const scratch = {
  /** The frequencies, copied: they are halved there when a tree is too deep, never in place. */
  weights: new Uint32Array(288),
  keys: new Float64Array(288),
  weight: new Float64Array(2 * 288),
  parent: new Int32Array(2 * 288),
  depth: new Uint8Array(2 * 288),
};

/** The frequencies copied into the scratch space. */
function weightsOf(frequencies: Uint32Array): Uint32Array {
  if (scratch.weights.length < frequencies.length) {
    scratch.weights = new Uint32Array(frequencies.length);
  }
  const weights = scratch.weights.subarray(0, frequencies.length);
  weights.set(frequencies);
  return weights;
}

/** The depth of each used symbol's leaf in a Huffman tree (two queues, leaves sorted). */
function treeDepths(weights: Uint32Array, lengths: Uint8Array): Uint8Array {
  lengths.fill(0);
  if (scratch.keys.length < weights.length) {
    const n = weights.length;
    Object.assign(scratch, {
      keys: new Float64Array(n),
      weight: new Float64Array(2 * n),
      parent: new Int32Array(2 * n),
      depth: new Uint8Array(2 * n),
    });
  }
  const { keys, weight, parent, depth } = scratch;
  // The used symbols by weight, then symbol: each as weight × 2^16 + symbol, sorted as numbers.
  let count = 0;
  for (let symbol = 0; symbol < weights.length; symbol++) {
    if (weights[symbol] > 0) keys[count++] = weights[symbol] * 65536 + symbol;
  }
  const leaves = keys.subarray(0, count).sort();
  if (count === 1) lengths[leaves[0] % 65536] = 1;
  if (count < 2) return lengths;
  // Nodes: leaves first, then the internal nodes in the order they are made.
  for (let node = 0; node < count; node++) weight[node] = Math.floor(leaves[node] / 65536);
  let made = count;
  let leaf = 0;
  let inner = count;
  const smallest = (): number => {
    if (leaf < count && (inner >= made || weight[leaf] <= weight[inner])) return leaf++;
    return inner++;
  };
  // Merge the two lightest unmerged nodes until one, the root, is left.
  while (count - leaf + made - inner > 1) {
    const a = smallest();
    const b = smallest();
    parent[a] = parent[b] = made;
    weight[made] = weight[a] + weight[b];
    made++;
  }
  // The root is the last node; each node is one deeper than its parent, made after it.
  depth[made - 1] = 0;
  for (let node = made - 2; node >= 0; node--) depth[node] = depth[parent[node]] + 1;
  for (let node = 0; node < count; node++) lengths[leaves[node] % 65536] = depth[node];
  return lengths;
}

/**
 * The frequencies with at least two used symbols, so that every code is complete: the first
 * unused symbols get a frequency of 1 (a code of one used symbol, or none, is not complete).
 *
 * @param frequencies How often each symbol occurs; changed in place.
 * @returns The same frequencies.
 *
 * @example
 * ```ts
 * import { atLeastTwo } from "./_huffman.ts";
 *
 * console.log([...atLeastTwo(new Uint32Array([0, 0, 7, 0]))]); // [1, 0, 7, 0]
 * ```
 */
export function atLeastTwo(frequencies: Uint32Array): Uint32Array {
  let used = 0;
  for (let i = 0; i < frequencies.length; i++) if (frequencies[i] > 0) used++;
  for (let i = 0; used < 2; i++) {
    if (frequencies[i] === 0) {
      frequencies[i] = 1;
      used++;
    }
  }
  return frequencies;
}

/**
 * Canonical codes for the given lengths, bit-reversed so they can be written least significant
 * bit first, as deflate's bit stream wants them.
 *
 * @param lengths Each symbol's code length, 0 for unused symbols.
 * @param out Where the codes go, as many as symbols (default: a new array).
 * @returns Each symbol's code, reversed (`out`).
 *
 * @example
 * ```ts
 * import { canonicalCodes } from "./_huffman.ts";
 *
 * console.log([...canonicalCodes(new Uint8Array([1, 2, 2, 0]))]); // [0, 1, 3, 0]
 * ```
 */
export function canonicalCodes(
  lengths: Uint8Array,
  out: Uint16Array = new Uint16Array(lengths.length),
): Uint16Array {
  const { counts, next } = CODE_SCRATCH;
  counts.fill(0);
  for (let symbol = 0; symbol < lengths.length; symbol++) counts[lengths[symbol]]++;
  counts[0] = 0;
  for (let bits = 1, code = 0; bits < 16; bits++) {
    code = (code + counts[bits - 1]) << 1;
    next[bits] = code;
  }
  const codes = out.fill(0);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol];
    if (length === 0) continue;
    const code = next[length]++;
    // The code's 16 bits reversed a byte at a time, then its `length` bits kept.
    const reversed = REVERSED_BYTE[code & 0xff] << 8 | REVERSED_BYTE[code >>> 8];
    codes[symbol] = reversed >>> (16 - length);
  }
  return codes;
}

/** The count of each code length and the next code of each, made again for each code. */
const CODE_SCRATCH = { counts: new Uint16Array(16), next: new Uint16Array(16) };

/** Each byte with its bits in reverse order. */
const REVERSED_BYTE = Uint8Array.from({ length: 256 }, (_, byte) => {
  let reversed = 0;
  for (let i = 0; i < 8; i++) reversed |= ((byte >>> i) & 1) << (7 - i);
  return reversed;
});
