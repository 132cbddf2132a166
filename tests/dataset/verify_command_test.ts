import { createHash } from "node:crypto";
import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodePng } from "../../lib/png/encode_png.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { verifyExport } from "../../lib/dataset/verify_export.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runCli } from "../_fixtures/run_cli.ts";

function tasks(): Task[] {
  return Array.from({ length: 6 }, (_, i) => {
    const data = new Uint8Array([1 + i, 1, 1 + (i % 2), 0, 0, 0, 0, 0, 0, 1 + i, 1, 1 + (i % 2)]);
    const mask = encodeDataUri(writeMaskPng({ width: 2, height: 2, data }, { colourType: 2 }));
    return maskTask(`t${i}`, `f${i}.jpg`, mask);
  });
}

async function exported(path: string): Promise<string> {
  await exportOnce(segmentationProject("p1", tasks()), path);
  return `${path}/out`;
}

async function manifestLines(folder: string) {
  return (await Deno.readTextFile(`${folder}/manifest.jsonl`)).trim().split("\n").map((l) =>
    JSON.parse(l)
  );
}

Deno.test("verify: an export as written is intact (exit 0), in text and --json", async () => {
  await using dir = await tempDir();
  const folder = await exported(dir.path);
  const text = await runCli(["verify", folder]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(
    text.stdout,
    /^Intact: ".*", 6 files as the manifest says; dataset id [0-9a-f]{64}\n$/,
  );
  const json = await runCli(["verify", folder, "--json"]);
  const report = JSON.parse(json.stdout);
  assert.equal(json.code, 0);
  assert.deepEqual([report.intact, report.checked, report.datasetIdMatches], [true, 6, true]);
});

Deno.test("verify: a flipped pixel fails on sha256, and on pixelSha256 when the manifest's sha256 is forged", async () => {
  await using dir = await tempDir();
  const folder = await exported(dir.path);
  const image = await decodePng(await Deno.readFile(`${folder}/f2.jpg.png`));
  image.data[0] ^= 1;
  const tampered = await encodePng(image);
  await Deno.writeFile(`${folder}/f2.jpg.png`, tampered);
  const plain = await runCli(["verify", folder]);
  assert.equal(plain.code, 1);
  assert.match(plain.stdout, /^ {2}changed: "f2\.jpg\.png" \(bytes changed: /m);

  // The manifest now says the new bytes: the pixels still tell.
  const entries = await manifestLines(folder);
  const file = entries.find((entry) => entry.taskId === "t2").files[0];
  file.sha256 = createHash("sha256").update(tampered).digest("hex");
  await Deno.writeTextFile(
    `${folder}/manifest.jsonl`,
    entries.map((entry) => JSON.stringify(entry) + "\n").join(""),
  );
  const forged = await runCli(["verify", folder, "--json"]);
  assert.equal(forged.code, 1);
  const report = JSON.parse(forged.stdout);
  assert.deepEqual(
    report.changed.map((c: { path: string; reason: string }) => [c.path, c.reason]),
    [
      ["f2.jpg.png", "pixelSha256"],
    ],
  );
  // A manifest whose pixel digest is forged too no longer gives the recorded dataset id.
  file.pixelSha256 = report.changed[0].detail.slice(-64);
  await Deno.writeTextFile(
    `${folder}/manifest.jsonl`,
    entries.map((entry) => JSON.stringify(entry) + "\n").join(""),
  );
  const both = await verifyExport(folder);
  assert.deepEqual([both.changed.length, both.datasetIdMatches, both.intact], [0, false, false]);
  assert.match(
    (await runCli(["verify", folder])).stdout,
    /dataset id: the manifest's pixel digests/,
  );
});

Deno.test("verify: a missing file, a planted link and an unlisted file are each named (exit 1)", async () => {
  await using dir = await tempDir();
  const folder = await exported(dir.path);
  await Deno.remove(`${folder}/f1.jpg.png`);
  await Deno.writeTextFile(`${dir.path}/secret.txt`, "outside");
  await Deno.symlink(`${dir.path}/secret.txt`, `${folder}/planted.png`);
  await Deno.remove(`${folder}/f3.jpg.png`);
  await Deno.symlink(`${dir.path}/secret.txt`, `${folder}/f3.jpg.png`);
  await Deno.writeTextFile(`${folder}/extra.png`, "x");
  const ran = await runCli(["verify", folder]);
  assert.equal(ran.code, 1, ran.stderr);
  assert.match(ran.stdout, /^ {2}missing: "f1\.jpg\.png"$/m);
  assert.match(
    ran.stdout,
    /^ {2}changed: "f3\.jpg\.png" \(not a file: a symbolic link, not followed\)$/m,
  );
  assert.match(ran.stdout, /^ {2}unlisted: "planted\.png" \(a symbolic link, not followed\)$/m);
  assert.match(ran.stdout, /^ {2}unlisted: "extra\.png"$/m);
});

Deno.test("verify: a folder that is not an export exits 2 naming what it lacks; usage errors exit 2", async () => {
  await using dir = await tempDir();
  const ran = await runCli(["verify", dir.path]);
  assert.equal(ran.code, 2);
  assert.match(ran.stderr, /is not an export folder of this tool: it has no manifest\.jsonl/);
  const none = await runCli(["verify"]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /"verify" needs the export folder to check/);
  const typo = await runCli(["verify", dir.path, "--jsno"]);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /Unknown option "--jsno" of "verify"; did you mean "--json"\?/);
  const help = await runCli(["verify", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /lab-masks verify <export folder> \[--json\]/);
});

Deno.test("verify: a panoptic export with a split and a card is intact as written", async () => {
  await using dir = await tempDir();
  await exportOnce(segmentationProject("p1", tasks()), dir.path, {
    maskFormat: "panoptic",
    split: "train=50,val=50",
    card: true,
  });
  const report = await verifyExport(`${dir.path}/out`);
  assert.deepEqual([report.intact, report.checked], [true, 9], JSON.stringify(report));
});

Deno.test("verify and diff refuse an export whose pixelSha256 are of another canonical form (exit 2), naming both forms", async () => {
  await using dir = await tempDir();
  const folder = await exported(dir.path);
  const metadata = JSON.parse(await Deno.readTextFile(`${folder}/export.json`));
  assert.equal(metadata.pixelForm, "lab-masks-pixels/2");
  // An export of a version before the form was recorded: its pixelSha256 are the first form's.
  delete metadata.pixelForm;
  await Deno.writeTextFile(`${folder}/export.json`, JSON.stringify(metadata));
  const verified = await runCli(["verify", folder]);
  assert.equal(verified.code, 2);
  assert.match(
    verified.stderr,
    /identifies its masks' pixels as lab-masks-pixels\/1, and this version of lab-masks computes lab-masks-pixels\/2: its pixels cannot be compared/,
  );
  const other = await exported(`${dir.path}/other`);
  const diffed = await runCli(["diff", folder, other]);
  assert.equal(diffed.code, 2);
  assert.match(diffed.stderr, /lab-masks-pixels\/1/);
  // Recorded as another form: the same.
  await Deno.writeTextFile(
    `${folder}/export.json`,
    JSON.stringify({ ...metadata, pixelForm: "lab-masks-pixels/9" }),
  );
  assert.match((await runCli(["verify", folder])).stderr, /lab-masks-pixels\/9/);
  // A hostile form or tool is printed inert: no line break, no escape sequence reaches the terminal.
  await Deno.writeTextFile(
    `${folder}/export.json`,
    JSON.stringify({ ...metadata, pixelForm: "x\n::error::fake", tool: "\u001b]0;t\u0007" }),
  );
  const hostile = await runCli(["verify", folder]);
  assert.equal(hostile.code, 2);
  assert.ok(!hostile.stderr.includes("\n::error::") && !hostile.stderr.includes("\u001b"));
  assert.match(hostile.stderr, /pixels as "x\\n::error::fake"/);
});

Deno.test("verify and diff: a path that is no folder, or is not there, exits 2 saying so", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(`${dir.path}/notes.txt`, "not an export\n");
  const paths: [string, RegExp][] = [
    [
      `${dir.path}/notes.txt`,
      /notes\.txt" is not an export folder of this tool: it is not a folder/,
    ],
    [`${dir.path}/gone`, /gone" does not exist: give an export folder/],
    [`${dir.path}/notes.txt/below`, /below" does not exist: give an export folder/],
  ];
  // A device: the runtime refuses to look below it ("Requires all access to /dev/null/…").
  if (Deno.build.os === "linux") {
    paths.push([
      "/dev/null",
      /"\/dev\/null" is not an export folder of this tool: it is not a folder/,
    ]);
  }
  for (const [path, message] of paths) {
    const verify = await runCli(["verify", path]);
    assert.equal(verify.code, 2, verify.stderr);
    assert.match(verify.stderr, message);
    assert.doesNotMatch(verify.stderr, /Requires|os error/);
    const diff = await runCli(["diff", dir.path, path]);
    assert.equal(diff.code, 2, diff.stderr);
    // The first folder is looked at first: it is a folder, but no export.
    assert.match(diff.stderr, /is not an export folder of this tool: it has no manifest\.jsonl/);
    const reversed = await runCli(["diff", path, dir.path]);
    assert.match(reversed.stderr, message);
  }
});
