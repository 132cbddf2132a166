import assert from "../_std/assert.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { reportCounts } from "../../lib/report/render_report.ts";
import { BACKGROUND_COLOUR } from "../../lib/report/colour_thumbnail.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { runCli } from "../_fixtures/run_cli.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import {
  exportWithReport,
  HOSTILE_LABEL,
  HOSTILE_TASK,
  reportData,
  reportProject,
  reportTasks,
} from "./_report_fixture.ts";
import { join } from "../../lib/_std/path.ts";
import type { Task } from "../../lib/api/types.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";

Deno.test("exportMasks() with report writes report.html with every exported task and its thumbnail", async () => {
  await using dir = await tempDir();
  const summary = await exportWithReport(dir.path);
  assert.equal(summary.report, join(dir.path, "out", "report.html"));
  assert.deepEqual([summary.exported, summary.skipped, summary.failed], [5, 1, 1]);
  const html = await Deno.readTextFile(summary.report!);
  const data = reportData(html);
  assert.deepEqual(
    data.tasks.map((task) => task.n).sort(),
    [
      HOSTILE_TASK,
      "park/empty.jpg",
      "park/people.jpg",
      "street/a.jpg",
      "street/b.jpg",
    ].sort(),
  );
  const a = data.tasks.find((task) => task.n === "street/a.jpg")!;
  assert.equal(a.f, "street/a.jpg.png");
  assert.deepEqual(a.l.map((i) => data.labels[i].id), ["car"]);
  // The thumbnail: 160×100, the left half the car's red, the right half the background.
  const image = await decodePng(Uint8Array.fromBase64(a.t!));
  assert.equal(`${image.width}×${image.height}`, "160×100");
  const pixel = (
    x: number,
    y: number,
  ) => [...image.data.subarray((y * 160 + x) * 3, (y * 160 + x) * 3 + 3)];
  assert.deepEqual(pixel(10, 50), [255, 0, 0]);
  assert.deepEqual(pixel(79, 99), [255, 0, 0]);
  assert.deepEqual(pixel(80, 0), [...BACKGROUND_COLOUR]);
  for (const [name, count] of Object.entries(reportCounts(summary))) {
    assert.ok(html.includes(`<td data-count="${name}">${count}</td>`), `count ${name}`);
  }
});

Deno.test("exportMasks() with report lists failed and skipped tasks with their reasons", async () => {
  await using dir = await tempDir();
  const summary = await exportWithReport(dir.path);
  const html = await Deno.readTextFile(summary.report!);
  const failed = /<table class="problems" data-problems="failed">(.*?)<\/table>/s.exec(html)![1];
  assert.match(
    failed,
    /<code>t7<\/code><\/td><td>park\/broken.jpg<\/td><td>its mask cannot be read: /,
  );
  const skipped = /<table class="problems" data-problems="skipped">(.*?)<\/table>/s.exec(html)![1];
  assert.match(skipped, /<code>t6<\/code><\/td><td>park\/nomask.jpg<\/td><td>no mask<\/td>/);
});

Deno.test("exportMasks() with report escapes task and label names and counts labels for the summary", async () => {
  await using dir = await tempDir();
  const summary = await exportWithReport(dir.path);
  const html = await Deno.readTextFile(summary.report!);
  assert.ok(!html.includes(HOSTILE_LABEL), "the label name is escaped");
  assert.ok(!html.includes(HOSTILE_TASK), "the task name is escaped");
  assert.equal(html.match(/<script/g)?.length, 2, "only the page's own two scripts");
  assert.ok(html.includes("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;"));
  assert.ok(!/\b(?:https?:|\/\/[a-z])/i.test(html), "no address that could be fetched");
  assert.deepEqual(
    summary.labels!.map((label) => [label.id, label.tasks, label.instances]),
    [["person", 2, 3], ["car", 2, 2], ["evil", 1, 1], ["boat", 0, 0]],
  );
  assert.match(html, /<g class="absent" data-label="boat">/);
});

Deno.test("exportMasks() writes no report unless asked, nor in a dry run", async () => {
  await using dir = await tempDir();
  const plain = await exportWithReport(dir.path, { report: false });
  assert.equal(plain.report, undefined);
  assert.ok(!(await listFiles(`${dir.path}/out`)).includes("report.html"));
  const dry = await exportWithReport(dir.path, { outputFilename: "dry", dryRun: true });
  assert.equal(dry.report, undefined);
  await assert.rejects(Deno.stat(`${dir.path}/dry`), Deno.errors.NotFound);
});

Deno.test("the CLI's --report writes report.html and names it in the closing lines", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [reportProject()] });
  const result = await runCli(
    [
      "export",
      "--project-id",
      "p-report",
      "--output-folder",
      dir.path,
      "--output-filename",
      "out",
      "--report",
    ],
    {
      ISAHIT_LAB_API_ACCESS_ID: lab.accessId,
      ISAHIT_LAB_API_SECRET_KEY: lab.secretKey,
      ISAHIT_LAB_API_ENDPOINT: lab.url,
    },
  );
  assert.equal(result.code, 1, "one task failed");
  const report = join(dir.path, "out", "report.html");
  assert.ok(result.stdout.split("\n").includes(`Report: "${report}"`), result.stdout);
  assert.ok((await Deno.stat(`${dir.path}/out/report.html`)).isFile);
});

Deno.test("exportMasks() with report names each renamed task, where it was written, and tasks with warnings", async () => {
  await using dir = await tempDir();
  const [first] = reportTasks();
  const twin: Task = { ...first, _id: "t8" };
  const small = { width: 2, height: 1, data: new Uint8Array([1, 1, 1, 0, 0, 0]) };
  const sized: Task = {
    _id: "t9",
    name: "park/sized.jpg",
    status: "complete",
    data: {
      body: {
        mask: encodeDataUri(writeMaskPng(small, { colourType: 2 })),
        image: { width: 4, height: 2 },
      },
    },
  };
  const summary = await exportWithReport(dir.path, {}, [...reportTasks(), twin, sized]);
  const html = await Deno.readTextFile(summary.report!);
  const renamed = /<table class="problems" data-problems="renamed">(.*?)<\/table>/s.exec(html);
  assert.ok(renamed, "a table of renamed tasks");
  assert.match(
    renamed[1],
    /<code>t8<\/code><\/td><td>street\/a.jpg<\/td><td>&quot;street\/a.jpg.png&quot; is taken by task t1; written as &quot;street\/a.jpg__t8.png&quot;<\/td>/,
  );
  const warned = /<table class="problems" data-problems="warnings">(.*?)<\/table>/s.exec(html);
  assert.ok(warned, "a table of tasks with warnings");
  assert.match(warned[1], /<code>t9<\/code><\/td><td>park\/sized.jpg<\/td><td>the mask is 2×1 but/);

  // Without renames or warnings, neither table is there.
  const plain = await exportWithReport(`${dir.path}/plain`);
  const text = await Deno.readTextFile(plain.report!);
  assert.ok(!text.includes("Renamed tasks") && !text.includes("Tasks with warnings"));
});
