import type { Task } from "../api/types.ts";
import { copyNumberText } from "../api/json_number_text.ts";

/**
 * A task as the SDK's `format="lab"` export writes it (the export formats spec, "--format
 * lab"): the document as the API returned it, every field in its order, but `data` becomes the
 * merge of `data.body` with `data.metadata.body` (`createdAt`, `type`, `projectType` and
 * `metadata` of `data` are dropped). No `data` (or `null`, `{}`) gives `{}`, appended last when
 * the task had no `data` key; a body and metadata both empty give `null`.
 *
 * The merge, key by key over both: two non-empty objects merge shallowly, the body's keys winning;
 * else the body's value unless it is `null`; else the metadata's unless `null`; else no key. The
 * body's keys come first, then the metadata's own (the SDK's order is a Python set's: random).
 *
 * @param task The task document, from the API.
 * @returns A new document; `task` is not changed.
 *
 * @example
 * ```ts
 * import { labTaskDocument } from "@lab/masks/formats";
 *
 * const document = labTaskDocument({
 *   _id: "t1",
 *   name: "a.jpg",
 *   data: { type: "default", body: { mask: "data:..." }, metadata: { body: { camera: "front" } } },
 * });
 * console.log(JSON.stringify(document.data)); // '{"mask":"data:...","camera":"front"}'
 * ```
 */
export function labTaskDocument(task: Task): Record<string, unknown> {
  const document: Record<string, unknown> = { ...task };
  for (const key of Object.keys(task)) copyNumberText(task, key, document);
  document.data = mergedData(task.data);
  return document;
}

function mergedData(data: unknown): Record<string, unknown> | null {
  if (!isRecord(data) || Object.keys(data).length === 0) return {};
  const body = isRecord(data.body) ? data.body : {};
  const metadata = isRecord(data.metadata) && isRecord(data.metadata.body)
    ? data.metadata.body
    : {};
  if (Object.keys(body).length === 0 && Object.keys(metadata).length === 0) return null;
  const merged: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(body), ...Object.keys(metadata)])) {
    const fromBody = body[key];
    const fromMetadata = metadata[key];
    if (isFilledRecord(fromBody) && isFilledRecord(fromMetadata)) {
      const both: Record<string, unknown> = { ...fromMetadata, ...fromBody };
      for (const inner of Object.keys(both)) {
        copyNumberText(Object.hasOwn(fromBody, inner) ? fromBody : fromMetadata, inner, both);
      }
      merged[key] = both;
    } else if (fromBody !== null && fromBody !== undefined) {
      merged[key] = fromBody;
      copyNumberText(body, key, merged);
    } else if (fromMetadata !== null && fromMetadata !== undefined) {
      merged[key] = fromMetadata;
      copyNumberText(metadata, key, merged);
    }
  }
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFilledRecord(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && Object.keys(value).length > 0;
}
