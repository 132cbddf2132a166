/**
 * Reading an answer's body within bounds: refused when compressed, counted as it arrives.
 *
 * @module
 */

import { ApiError } from "../errors.ts";
import { inertText } from "../inert_text.ts";
import type { LabRequest } from "./_send.ts";

/**
 * Refuses a compressed answer: the client asks for none (`Accept-Encoding: identity`), and a
 * runtime that inflates it anyway would let a small body grow past every limit.
 */
export async function refuseCompressed(response: Response, request: LabRequest): Promise<void> {
  const encoding = response.headers.get("content-encoding")?.trim().toLowerCase();
  if (encoding === undefined || encoding === "" || encoding === "identity") return;
  await response.body?.cancel();
  throw new ApiError(
    `The lab answered ${request.method} ${request.path} with a compressed body ` +
      `(Content-Encoding ${inertText(encoding)}) though none was asked (Accept-Encoding: ` +
      `identity); the body was not read: check that the endpoint points to the lab API`,
    { status: response.status, method: request.method, path: request.path },
  );
}

/** Hands the body to `onChunk` chunk by chunk, refusing it past `limit` bytes. */
export async function eachChunk(
  response: Response,
  request: LabRequest,
  limit: number,
  onChunk: (chunk: Uint8Array) => void,
): Promise<number> {
  let size = 0;
  if (!response.body) return size;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > limit) {
      throw new ApiError(
        `The lab's answer to ${request.method} ${request.path} is larger than the limit of ` +
          `${limit} bytes (maxResponseBytes); the body was not read further`,
        { status: response.status, method: request.method, path: request.path },
      );
    }
    onChunk(chunk);
  }
  return size;
}

/** The body, read chunk by chunk and refused past `limit` bytes. */
export async function boundedBytes(
  response: Response,
  request: LabRequest,
  limit: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const size = await eachChunk(response, request, limit, (chunk) => chunks.push(chunk));
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
