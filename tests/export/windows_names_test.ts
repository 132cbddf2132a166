import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { defaultExportFolderName } from "../../lib/export/export_folder_name.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { maskFilePath } from "../../lib/model/mask_file_path.ts";
import { MaskFileRegistry } from "../../lib/model/mask_file_registry.ts";
import { nativePath } from "../../lib/model/platform.ts";
import { progressReporter } from "../../lib/output/progress_reporter.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { GOOD_MASK } from "../action/_fixtures.ts";
import { join } from "../../lib/_std/path.ts";

/** Task name → its file on Windows, and on Linux and macOS. */
const NAMES: [string, string, string][] = [
  // (`a:b.jpg` would be refused: on Windows it names drive A.)
  ["ab:c.jpg", "ab_c.jpg.png", "ab:c.jpg.png"],
  ['<why>|"so"?*.jpg', "_why___so___.jpg.png", '<why>|"so"?*.jpg.png'],
  ["12:00/frame?.jpg", "12_00/frame_.jpg.png", "12:00/frame?.jpg.png"],
  // Device names and trailing dots or spaces are portable on every system, as before.
  ["nul:x.jpg", "nul_x.jpg.png", "nul:x.jpg.png"],
  ["CON.jpg", "CON_.jpg.png", "CON_.jpg.png"],
  ["end. /x.jpg", "end. _/x.jpg.png", "end. _/x.jpg.png"],
  ["plain/name.jpg", "plain/name.jpg.png", "plain/name.jpg.png"],
];

Deno.test("the default export folder name has - for : on Windows, and keeps the SDK's : elsewhere", () => {
  const now = new Date(2024, 0, 2, 3, 4, 5);
  assert.equal(
    defaultExportFolderName("p1", now, { platform: "windows" }),
    "lab_mask_p1_2024-01-02_03-04-05",
  );
  assert.equal(
    defaultExportFolderName("p1", now, { platform: "posix" }),
    "lab_mask_p1_2024-01-02_03:04:05",
  );
});

Deno.test("MaskFileRegistry replaces the characters Windows refuses on Windows only, and says why", () => {
  for (const [name, windows, posix] of NAMES) {
    const path = maskFilePath({ _id: "t1", name });
    const onWindows = new MaskFileRegistry({ platform: "windows" }).claimFile(path, "t1");
    const onPosix = new MaskFileRegistry({ platform: "posix" }).claimFile(path, "t1");
    assert.equal(onWindows.file, windows, name);
    assert.equal(onPosix.file, posix, name);
    assert.equal(/[<>:"|?*]/.test(name), onWindows.reason?.includes("Windows refuses") ?? false);
    assert.equal(onPosix.reason?.includes("Windows refuses") ?? false, false);
  }
});

Deno.test("MaskFileRegistry on Windows keeps apart two names that differ only by refused characters", () => {
  const registry = new MaskFileRegistry({ platform: "windows" });
  assert.equal(registry.claim("a:b.jpg.png", "t1"), "a_b.jpg.png");
  assert.equal(registry.claim("a?b.jpg.png", "t2"), "a_b.jpg__t2.png");
});

Deno.test("exportMasks() for Windows writes portable names, reports them renamed and names the folder without colons", async () => {
  await using dir = await tempDir();
  const tasks = NAMES.map(([name], i) => maskTask(`t${i}`, name, GOOD_MASK));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const lines: string[] = [];
  const reporter = progressReporter({
    write: (text) => lines.push(text),
    isTerminal: false,
    platform: "windows",
  });
  const summary = await exportMasks({
    client: clientOf(lab),
    projectId: "p1",
    outputFolder: dir.path,
    now: new Date(2024, 11, 25, 8, 5, 9),
    platform: "windows",
    onProgress: reporter.onProgress,
  });
  assert.equal(summary.exported, NAMES.length);
  assert.equal(summary.folder, join(dir.path, "lab_mask_p1_2024-12-25_08-05-09"));
  const written = (await listFiles(summary.folder)).filter((file) => file.endsWith(".png"));
  assert.deepEqual(written, NAMES.map(([, windows]) => windows).sort());
  for (const file of written) assert.doesNotMatch(file, /[<>:"|?*]/);

  const renamed = summary.renamed.map((task) => [task.taskName, task.file]);
  assert.deepEqual(
    renamed,
    NAMES.filter(([name, windows]) => `${name}.png` !== windows).map(([name, windows]) => [
      name,
      windows,
    ]),
  );
  assert.ok(
    lines.includes(
      'renamed: "12:00/frame?.jpg" (t2): a character Windows refuses in names (< > : " | ? *) ' +
        'became "_"; written as "12_00\\frame_.jpg.png"\n',
    ),
    lines.join(""),
  );
});

// Ignored on Windows: it writes the names with ":" and "?" that Windows refuses.
Deno.test("exportMasks() elsewhere keeps the SDK's names with : and ?", {
  ignore: Deno.build.os === "windows",
}, async () => {
  await using dir = await tempDir();
  const tasks = [maskTask("t1", "ab:c?.jpg", GOOD_MASK)];
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const summary = await exportMasks({
    client: clientOf(lab),
    projectId: "p1",
    outputFolder: dir.path,
    now: new Date(2024, 11, 25, 8, 5, 9),
    platform: "posix",
  });
  assert.equal(summary.folder, `${dir.path}/lab_mask_p1_2024-12-25_08:05:09`);
  assert.deepEqual(await listFiles(summary.folder), [
    "ab:c?.jpg.png",
    "export.json",
    "manifest.jsonl",
  ]);
  assert.deepEqual(summary.renamed, []);
});

Deno.test("nativePath() writes export paths with the platform's separator", () => {
  assert.equal(nativePath("a/b/c.png", "windows"), "a\\b\\c.png");
  assert.equal(nativePath("a/b/c.png", "posix"), "a/b/c.png");
});

/** Paths of plain ASCII letters, digits, `_`, `-` and `.`, and the file each one gets. */
const PLAIN_PATHS: [string, string][] = [
  ["street/frame_01.jpg.png", "street/frame_01.jpg.png"],
  ["data/COM1/a.jpg.png", "data/COM1_/a.jpg.png"],
  ["lpt9.x/nul.png", "lpt9_.x/nul_.png"],
  ["CONSOLE/ACONX.png", "CONSOLE/ACONX.png"],
  ["v1./a..png", "v1._/a..png"],
  [`${"n".repeat(196)}.png`, `${"n".repeat(196)}.png`],
];

Deno.test("MaskFileRegistry treats plain ASCII paths by the same rules: device names, trailing dots, long names", () => {
  for (const [path, file] of PLAIN_PATHS) {
    for (const platform of ["windows", "posix"] as const) {
      const claimed = new MaskFileRegistry({ platform }).claimFile(path, "t1");
      assert.equal(claimed.file, file, `${path} on ${platform}`);
      assert.equal(claimed.reason === undefined, path === file, `${path} on ${platform}`);
    }
  }
  const long = `${"n".repeat(197)}.png`;
  const cut = new MaskFileRegistry({ platform: "posix" }).claimFile(long, "t1");
  assert.equal(new TextEncoder().encode(cut.file).length, 200);
  assert.match(cut.file, /^n+~[0-9a-f]{12}\.png$/);
  assert.match(cut.reason ?? "", /longer than 200 bytes/);
});
