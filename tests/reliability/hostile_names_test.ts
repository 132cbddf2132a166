import assert from "../_std/assert.ts";
import { maskFilePath } from "../../lib/model/mask_file_path.ts";
import { MaskFileRegistry } from "../../lib/model/mask_file_registry.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { exportFrom, variedMaskTasks } from "./_fixtures.ts";

const LONG = "é".repeat(150); // 300 bytes of UTF-8

/** Task name → the file it is written to, or the reason it is refused. */
const HOSTILE_NAMES: [string, string | RegExp][] = [
  ["../escape.jpg", /has a "\.\." segment that would leave the export folder/],
  ["ok/../../x.jpg", /"\.\." segment/],
  ["..\\..\\evil.jpg", /"\.\." segment/],
  ["/etc/cron.d/job", /is an absolute path/],
  ["\\\\server\\share\\x.jpg", /is an absolute path/],
  ["C:\\Windows\\x.jpg", /is an absolute path/],
  ["d:relative.jpg", /is an absolute path/],
  ["./", /has no file name part/],
  [" ", /is empty/],
  ["dir\\sub\\a.jpg", "dir_sub_a.jpg.png"],
  ["nul\u0000byte.jpg", "nul_byte.jpg.png"],
  ["line\nbreak\t.jpg", "line_break_.jpg.png"],
  ["\u001b[31mred\u001b[0m.jpg", "_[31mred_[0m.jpg.png"],
  ["\u0085next-line.jpg", "_next-line.jpg.png"],
  ["invoice\u202egpj.exe", "invoice_gpj.exe.png"],
  ["\u202a\u202b\u202c\u202d.jpg", "____.jpg.png"],
  ["\u2066isolated\u2069\u2067\u2068.jpg", "_isolated___.jpg.png"],
  ["CON", "CON_.png"],
  ["con.jpg", "con_.jpg.png"],
  ["Lpt9.tar.gz", "Lpt9_.tar.gz.png"],
  ["COM1 .jpg", "COM1_ .jpg.png"],
  ["aux/inside.jpg", "aux_/inside.jpg.png"],
  ["CONSOLE.jpg", "CONSOLE.jpg.png"],
  ["trailing./x.jpg", "trailing._/x.jpg.png"],
  ["space /x.jpg", "space _/x.jpg.png"],
  [".../x.jpg", "..._/x.jpg.png"],
];

Deno.test("MaskFileRegistry makes every name portable, and says why it changed it", () => {
  for (const [name, expected] of HOSTILE_NAMES) {
    if (typeof expected !== "string") {
      assert.throws(() => maskFilePath({ _id: "t", name }), expected, JSON.stringify(name));
      continue;
    }
    const claim = new MaskFileRegistry().claimFile(maskFilePath({ _id: "t", name }), "t");
    assert.equal(claim.file, expected, JSON.stringify(name));
    if (claim.file === `${name}.png`) assert.equal(claim.reason, undefined);
    else assert.ok(claim.reason, `${JSON.stringify(name)} is reported`);
  }
});

Deno.test("MaskFileRegistry shortens names over 200 bytes with a hash, keeping them apart", () => {
  const registry = new MaskFileRegistry();
  const encoder = new TextEncoder();
  const first = registry.claim(`${LONG}/${LONG}1.jpg.png`, "t1");
  const second = registry.claim(`${LONG}/${LONG}2.jpg.png`, "t2");
  const twin = registry.claim(`${LONG}/${LONG}2.jpg.png`, "t3");
  for (const file of [first, second, twin]) {
    for (const name of file.split("/")) assert.ok(encoder.encode(name).length <= 200, file);
    assert.match(file, /~[0-9a-f]{12}\/.*~[0-9a-f]{12}(__t3)?\.png$/);
  }
  assert.equal(new Set([first, second, twin]).size, 3);
  assert.equal(first.split("/")[0], second.split("/")[0], "one folder for one folder name");
  const renamed = registry.claim(first, "t9");
  assert.match(renamed, /~[0-9a-f]{12}__t9\.png$/);
  assert.ok(encoder.encode(renamed.split("/")[1]).length <= 200);
});

Deno.test("MaskFileRegistry de-duplicates names equal but for case, normalization or a folder", () => {
  const registry = new MaskFileRegistry();
  assert.equal(registry.claim("Same.jpg.png", "t1"), "Same.jpg.png");
  assert.deepEqual(registry.claimFile("same.JPG.png", "t2"), {
    file: "same.JPG__t2.png",
    reason: '"same.JPG.png" is taken by task t1',
  });
  assert.equal(registry.claim("caf\u00e9.png", "t3"), "caf\u00e9.png");
  assert.equal(registry.claim("cafe\u0301.png", "t4"), "cafe\u0301__t4.png");
  // After portable names: "a\b" and "a_b" are the same file.
  assert.equal(registry.claim("a_b.png", "t5"), "a_b.png");
  assert.equal(registry.claim("a\\b.png", "t6"), "a_b__t6.png");
  // A file, then a folder of that name; a folder, then a file of that name.
  assert.equal(registry.claim("x.png", "t7"), "x.png");
  assert.equal(registry.claim("X.png/y.png", "t8"), "X.png__t8/y.png");
  assert.equal(registry.claim("d.png/e.png", "t9"), "d.png/e.png");
  assert.deepEqual(registry.claimFile("D.png", "t10"), {
    file: "D__t10.png",
    reason: '"D.png" is taken by a folder',
  });
  // A task id is made file-safe.
  assert.equal(registry.claim("Same.jpg.png", "id/with:odd*"), "Same.jpg__id_with_odd_.png");
});

Deno.test("MaskFileRegistry never hands out the export's own files, as files or folders", () => {
  const registry = new MaskFileRegistry({ reserved: ["manifest.jsonl", "Export.json"] });
  assert.deepEqual(registry.claimFile("manifest.jsonl/a.png", "t1"), {
    file: "manifest.jsonl__t1/a.png",
    reason: 'its folder "manifest.jsonl" is the file of the export itself',
  });
  assert.equal(registry.claim("export.json/b.png", "t2"), "export.json__t2/b.png");
  assert.equal(registry.claim("manifest.jsonl.png", "t3"), "manifest.jsonl.png");
});

Deno.test("MaskFileRegistry gives a task that claims again the path it already holds", () => {
  const registry = new MaskFileRegistry();
  const names = ["a.png", "A.png", "x.png", "x.png/y.png", "con.png", `${LONG}.png`];
  const first = names.map((name, i) => registry.claim(name, `t${i}`));
  const again = names.map((name, i) => registry.claim(name, `t${i}`));
  assert.deepEqual(again, first);
  // A claimed path is portable already: claiming it as such changes nothing.
  assert.deepEqual(first.map((file, i) => registry.claim(file, `t${i}`)), first);
});

Deno.test("exportMasks() writes nothing outside the export folder, whatever the task names", async () => {
  await using dir = await tempDir();
  const masks = variedMaskTasks(1);
  const mask = masks[0].data!.body!.mask;
  const names = [
    ...HOSTILE_NAMES.map(([name]) => name),
    `${LONG}.jpg`,
    `${LONG}/${LONG}.jpg`,
    "Same.jpg",
    "same.jpg",
    "x.jpg",
    "x.jpg.png/inside.jpg",
  ];
  const tasks = names.map((name, i) => maskTask(`t${i}`, name, mask));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const outcomes = new Map<string, { file?: string; reason?: string; renamedFrom?: string }>();
  const summary = await exportFrom(lab, `${dir.path}/parent`, {
    onProgress: (event) =>
      event.type === "task" && outcomes.set(event.outcome.taskId, event.outcome),
  });

  const refused = HOSTILE_NAMES.filter(([, expected]) => typeof expected !== "string").length;
  assert.equal(summary.failed, refused);
  assert.equal(summary.exported, names.length - refused);
  const written = await listFiles(dir.path);
  assert.ok(written.every((file) => file.startsWith("parent/out/")), written.join("\n"));
  assert.equal(written.filter((file) => file.endsWith(".png")).length, summary.exported);
  for (const [i, name] of names.entries()) {
    const outcome = outcomes.get(`t${i}`)!;
    const expected = HOSTILE_NAMES[i]?.[1];
    if (expected instanceof RegExp) {
      assert.match(outcome.reason!, expected, JSON.stringify(name));
      continue;
    }
    if (expected !== undefined) assert.equal(outcome.file, expected, JSON.stringify(name));
    if (outcome.file !== `${name}.png`) {
      assert.equal(outcome.renamedFrom, maskFilePath({ _id: `t${i}`, name }), "reported");
    }
    const image = await decodePng(await Deno.readFile(`${dir.path}/parent/out/${outcome.file}`));
    assert.equal(image.width, 24, JSON.stringify(name));
  }
  assert.equal(
    outcomes.get(`t${names.indexOf("same.jpg")}`)!.file,
    "same.jpg__t" +
      names.indexOf("same.jpg") + ".png",
  );
  assert.match(
    outcomes.get(`t${names.indexOf("x.jpg.png/inside.jpg")}`)!.file!,
    /^x\.jpg\.png__t\d+\/inside\.jpg\.png$/,
  );
});

Deno.test({
  name: "exportMasks() keeps task folders off the export's own files",
  async fn() {
    await using dir = await tempDir();
    const mask = variedMaskTasks(1)[0].data!.body!.mask;
    const names = ["manifest.jsonl/a.jpg", ".manifest.jsonl.part/b.jpg", "export.json/c.jpg"];
    const tasks = names.map((name, i) => maskTask(`t${i}`, name, mask));
    await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
    const summary = await exportFrom(lab, dir.path);
    assert.equal(summary.exported, 3);
    assert.deepEqual(summary.renamed.map((task) => task.file?.split("/")[0]).sort(), [
      ".manifest.jsonl.part__t1",
      "export.json__t2",
      "manifest.jsonl__t0",
    ]);
  },
});
