import assert from "../_std/assert.ts";
import { ConfigError, UnsafePathError } from "../../lib/errors.ts";
import { checkManifestEntry } from "../../lib/model/manifest.ts";

const source = { path: "manifest.jsonl", setting: "incremental" };
const place = { number: 7, last: false };

/** An entry with every field an export writes (a `panoptic` one, split, with pixel counts). */
const FULL = {
  taskId: "t1",
  name: "street/a.jpg",
  status: "complete",
  batchId: "b1",
  updatedAt: "2024-12-26T17:03:10.004Z",
  outcome: "exported",
  path: "street/a.jpg.png",
  files: [{ path: "street/a.jpg.png", sha256: "ab", pixelSha256: "cd" }],
  width: 480,
  height: 270,
  labels: ["car", "road"],
  instanceCount: 2,
  instances: { "1": "road", "2": "car", "3": null },
  renamedFrom: "street/b.jpg.png",
  warning: "the mask is 20×10 but the task's image is 21×10; it was exported at its own size",
  segments: [{ id: 1, category_id: 2, iscrowd: 0, area: 10, bbox: [0, 0, 5, 2] }],
  split: "train",
  labelPixels: { car: 3, road: 7 },
};

/** The message `checkManifestEntry` refuses `entry` with (a ConfigError of the setting). */
function refusal(entry: unknown): string {
  try {
    checkManifestEntry(entry, place, source);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.setting, "incremental");
    return error.message;
  }
  assert.fail(`accepted: ${JSON.stringify(entry)}`);
}

Deno.test("a manifest entry with every field of its type is accepted, and so are fields no entry has", () => {
  assert.deepEqual(checkManifestEntry(structuredClone(FULL), place, source), FULL);
  const minimal = { taskId: "t2", name: "b", outcome: "skipped: no mask", files: [] };
  assert.deepEqual(checkManifestEntry(minimal, place, source), minimal);
  const later = { ...minimal, addedLater: { any: [1, "thing"] } };
  assert.deepEqual(checkManifestEntry(later, place, source), later);
  // The task's own fields, as the lab sent them, whatever their type.
  const asSent = { ...minimal, status: null, batchId: 7, updatedAt: { at: 1 } };
  assert.deepEqual(checkManifestEntry(asSent, place, source), asSent);
});

Deno.test("a manifest entry with a field of the wrong type is refused naming the line and the field", () => {
  const bad: [string, unknown, string][] = [
    ["name", 7, "is not a string"],
    ["outcome", null, "is not a string"],
    ["renamedFrom", { at: 1 }, "is not a string"],
    ["split", ["train"], "is not a string"],
    ["width", "480", "is not a number"],
    ["height", Number.NaN, "is not a number"],
    ["instanceCount", 1e400, "is not a number"],
    ["labels", 12345678901234567890, "is not a list of strings"],
    ["labels", ["car", 2], "is not a list of strings"],
    ["files", [{}], 'is not a list of files, each with a "path" and a "sha256" string'],
    ["files", [{ path: 7, sha256: "ab" }], "is not a list of files"],
    ["files", [{ path: "a.png", sha256: "ab", pixelSha256: 1 }], "is not a list of files"],
    ["instances", ["road"], "is not an object of label ids (or null) by instance id"],
    ["instances", { "1": 5 }, "is not an object of label ids"],
    ["labelPixels", { car: "3" }, "is not an object of pixel counts by label id"],
    ["segments", [{ id: 1 }], "is not a list of panoptic segments"],
    ["segments", {}, "is not a list of panoptic segments"],
  ];
  for (const [field, value, says] of bad) {
    const message = refusal({ ...FULL, [field]: value });
    const expected = `The manifest "manifest.jsonl" has a bad line 7: "${field}" ${says}`;
    assert.ok(message.startsWith(expected), `${field}: ${message}`);
  }
});

Deno.test("a manifest entry without a name or an outcome is refused naming the line and the field", () => {
  for (const field of ["name", "outcome"]) {
    const entry: Record<string, unknown> = { ...FULL };
    delete entry[field];
    assert.equal(
      refusal(entry),
      `The manifest "manifest.jsonl" has a bad line 7: it has no "${field}"`,
    );
  }
});

Deno.test("a manifest entry's types are checked before its paths: an unsafe path of the right type is an UnsafePathError", () => {
  const unsafe = { ...FULL, files: [{ path: "../x.png", sha256: "ab" }] };
  assert.throws(() => checkManifestEntry(unsafe, place, source), UnsafePathError);
  assert.match(refusal({ ...FULL, path: 7 }), /line 7: "path" is not a string$/);
});
