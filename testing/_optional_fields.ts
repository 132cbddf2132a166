import type { Task } from "../lib/api/types.ts";

// Task fields the lab leaves out unless `optionalFields` names them (the lab API spec,
// "Tasks"): `data` is the annotation data; `data.mask` adds the masks inside it.
const OPTIONAL_TOP_FIELDS = ["data", "jobs", "metrics"] as const;

/**
 * A task as the lab serves it for these `optionalFields`: without `data`, no `data` at all;
 * without `data.mask`, no mask at `data.body.mask` nor at any `data.body.<inputId>.mask`; without
 * `jobs` or `metrics`, not those either. The stored task is left untouched.
 */
export function withOptionalFields(task: Task, fields: readonly string[]): Task {
  const served: Record<string, unknown> = { ...task };
  for (const field of OPTIONAL_TOP_FIELDS) {
    if (!fields.includes(field)) delete served[field];
  }
  const data = served.data as Task["data"];
  if (
    data && typeof data.body === "object" && data.body !== null && !fields.includes("data.mask")
  ) {
    served.data = { ...data, body: withoutMasks(data.body) };
  }
  return served as unknown as Task;
}

/** A copy of a data body without its mask, nor the masks of its form inputs. */
function withoutMasks(body: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "mask") continue;
    copy[key] = isRecord(value) && "mask" in value ? withoutMask(value) : value;
  }
  return copy;
}

function withoutMask(answer: Record<string, unknown>): Record<string, unknown> {
  const { mask: _mask, ...rest } = answer;
  return rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
