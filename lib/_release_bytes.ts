/**
 * Frees the memory of bytes that are no longer needed at once, by detaching their buffer, rather
 * than when V8 next collects its old generation: an export handles a megabyte-sized page and two
 * mask-sized buffers per task, and buffers that outlived a young collection would otherwise pile
 * up outside the heap until the next full collection. Bytes that share their buffer with others
 * (a view into a larger buffer) are left alone. A typed array of numbers is freed as well (an
 * index copied into a larger one as it grows: its old arrays would wait for that collection too).
 *
 * @param bytes Bytes (or another typed array) nothing reads any more.
 */
export function releaseBytes(bytes: unknown): void {
  // Any typed array: the growing indexes' old arrays of numbers go the same way.
  if (!ArrayBuffer.isView(bytes) || bytes instanceof DataView) return;
  const buffer = bytes.buffer;
  if (!(buffer instanceof ArrayBuffer) || buffer.detached) return;
  if (bytes.byteLength === buffer.byteLength) buffer.transfer(0);
}
