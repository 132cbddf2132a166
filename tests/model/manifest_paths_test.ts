import assert from "../_std/assert.ts";
import { UnsafePathError } from "../../lib/errors.ts";
import { checkManifestEntry } from "../../lib/model/manifest.ts";

const source = { path: "manifest.jsonl", setting: "incremental" };

/** The refusal of an entry whose mask path is `path`, or `undefined` when it is accepted. */
function refusal(path: unknown): string | undefined {
  const entry = {
    taskId: "t1",
    name: "a",
    outcome: "exported",
    path,
    files: [{ path, sha256: "" }],
  };
  try {
    checkManifestEntry(entry, { number: 7, last: false }, source);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof UnsafePathError, String(error));
    assert.equal(error.setting, "incremental");
    return error.message;
  }
}

Deno.test("a manifest's paths are accepted when they stay inside the folder, and refused naming the line otherwise", () => {
  const accepted = [
    "a.png",
    "frames/frame_000001.jpg.png",
    "-/_/a-b_c.d.png",
    "...",
    "a/...",
    "a./b..png",
    ".hidden/a.png",
    "a/.b.png",
    "é/ü.png",
    "with space/a b.png",
    "x".repeat(300),
  ];
  for (const path of accepted) assert.equal(refusal(path), undefined, path);
  const refused: [unknown, RegExp][] = [
    ["", /it is empty/],
    ["/etc/a.png", /it is absolute/],
    ["C:a.png", /it is absolute/],
    ["\\a.png", /it is absolute/],
    ["a/../../b.png", /climbs out of the export folder/],
    ["../a.png", /climbs out/],
    ["./a.png", /climbs out/],
    ["a//b.png", /has an empty part/],
    ["a/b/", /has an empty part/],
    ["a/.", /climbs out/],
    ["a\\..\\b.png", /climbs out/],
  ];
  for (const [path, reason] of refused) {
    const message = refusal(path);
    assert.match(message ?? "accepted", reason, String(path));
    assert.match(message!, /the manifest "manifest\.jsonl" line 7 names it/, String(path));
  }
});
