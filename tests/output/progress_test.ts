import assert from "../_std/assert.ts";
import { ProgressBar } from "../../lib/output/progress_bar.ts";
import { progressReporter } from "../../lib/output/progress_reporter.ts";
import { formatSummary } from "../../lib/output/format_summary.ts";
import type { ExportSummary, TaskOutcome } from "../../lib/model/export_summary.ts";

Deno.test("ProgressBar shows counts, percentage, rate and time left, redrawn in place", () => {
  let screen = "";
  let clock = 0;
  const bar = new ProgressBar({
    write: (text) => void (screen += text),
    now: () => clock,
    width: 10,
  });
  clock = 10_000;
  bar.update(25, 100);
  assert.equal(screen, "\r[###-------] 25/100 25%  2.5/s  ETA 30s\x1b[K");
  screen = "";
  clock = 10_050;
  bar.update(26, 100);
  assert.equal(screen, "", "no redraw within 100 ms");
  clock = 40_000;
  bar.update(100, 100);
  assert.match(screen, /\[#{10}\] 100\/100 100% {2}2\.5\/s {2}ETA 0s/);
  bar.end();
  assert.ok(screen.endsWith("\n"));
});

function outcome(status: TaskOutcome["status"], extra: Partial<TaskOutcome> = {}): TaskOutcome {
  return { taskId: "t1", taskName: "a.jpg", status, ...extra };
}

Deno.test("progressReporter() prints plain lines in logs: start, every 10%, failures and renames", () => {
  const lines: string[] = [];
  const reporter = progressReporter({ write: (text) => lines.push(text), isTerminal: false });
  reporter.onProgress({ type: "start", total: 40, folder: "/out" });
  for (let done = 1; done <= 40; done++) {
    const status = done === 7 ? "failed" : "exported";
    const extra = done === 7
      ? { reason: "its mask cannot be read: bad" }
      : done === 9
      ? { file: "a__t1.png", renamedFrom: "a.png", renameReason: '"a.png" is taken by task "t0"' }
      : {};
    reporter.onProgress({ type: "task", outcome: outcome(status, extra), done, total: 40 });
  }
  reporter.end();
  assert.equal(lines[0], 'Exporting 40 tasks to "/out"\n');
  assert.ok(lines.includes('failed: "a.jpg" (t1): its mask cannot be read: bad\n'));
  assert.ok(
    lines.includes(
      'renamed: "a.jpg" (t1): "a.png" is taken by task "t0"; written as "a__t1.png"\n',
    ),
  );
  const progress = lines.filter((line) => line.startsWith("progress: "));
  assert.equal(progress.length, 10);
  assert.equal(progress[9], "progress: 40/40 tasks (100%)\n");
});

Deno.test("formatSummary() and the progress lines say where the masks are (its path printed inert), or that there was nothing to export", () => {
  const summary: ExportSummary = {
    projectId: "p1",
    folder: "/out/x",
    maskFormat: "rgb",
    dryRun: false,
    folderCreated: true,
    total: 30,
    exported: 2,
    kept: 0,
    planned: 0,
    skipped: 3,
    failed: 25,
    removed: 0,
    carried: 0,
    skippedTasks: [],
    plannedTasks: [],
    failures: Array.from(
      { length: 25 },
      (_, i) => outcome("failed", { taskId: `t${i}`, reason: "bad" }),
    ),
    renamed: [],
    durationMs: 5,
  };
  const lines = formatSummary(summary);
  assert.equal(lines[0], 'Exported 2 masks to "/out/x"');
  assert.equal(lines[1], "30 tasks: 2 exported, 3 skipped (no mask), 25 failed");
  assert.equal(lines[2], '  failed: "a.jpg" (t0): bad');
  assert.equal(lines.at(-1), "  ... and 5 more failed tasks");
  const nothing = formatSummary({
    ...summary,
    folderCreated: false,
    exported: 0,
    failed: 0,
    failures: [],
  });
  assert.equal(nothing[0], "Nothing to export: no task has a mask");
  // A folder named after a project id or a user's text is printed on one line, inert.
  const odd = formatSummary({ ...summary, folder: "/out/lab_mask_a\u202eb\n::warning::x" });
  assert.equal(odd[0], 'Exported 2 masks to "/out/lab_mask_a\\u202eb\\u000a::warning::x"');
  const started: string[] = [];
  const reporter = progressReporter({ write: (text) => started.push(text), isTerminal: false });
  reporter.onProgress({ type: "start", total: 1, folder: "/out/a\u001b[2Jb" });
  assert.equal(started[0], 'Exporting 1 task to "/out/a\\u001b[2Jb"\n');
});
