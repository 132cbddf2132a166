/**
 * A project for the report tests: hostile task and label names, a label no mask has, a task
 * without a mask and one whose mask is broken, exported with `report: true` from a fake lab.
 *
 * @module
 */
import type { Label, Task } from "../../lib/api/types.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import type { ExportSummary } from "../../lib/model/export_summary.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { type FakeProject, startFakeLab } from "../../testing/fake_lab.ts";
import { drawMask, writeMaskPng } from "../../testing/mask_png.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { maskTask, segmentationConfiguration } from "../_fixtures/project.ts";

/** A label name that is markup. */
export const HOSTILE_LABEL = `<img src=x onerror="document.title='pwned'">`;

/** A task name that would end the page's script and start another. */
export const HOSTILE_TASK = `</script><script>document.title='pwned'</script>.jpg`;

/** The project's labels: car, person, a hostile one, and "boat", which no mask has. */
export const REPORT_LABELS: Label[] = [
  { id: "car", name: "Car", color: "#ff0000", bChannel: 1 },
  { id: "person", name: "Person", color: "#00ff00", bChannel: 2 },
  { id: "evil", name: HOSTILE_LABEL, color: "#0000ff", bChannel: 3 },
  { id: "boat", name: "Boat", color: "#ffff00", bChannel: 4 },
];

function mask(instances: Parameters<typeof drawMask>[1]): string {
  return encodeDataUri(writeMaskPng(drawMask({ width: 320, height: 200 }, instances), {
    colourType: 6,
  }));
}

/** The tasks: 5 with masks (one empty), one without, one broken. */
export function reportTasks(): Task[] {
  return [
    maskTask("t1", "street/a.jpg", mask([{ id: 1, bChannel: 1, rect: [0, 0, 160, 200] }])),
    maskTask(
      "t2",
      "street/b.jpg",
      mask([
        { id: 1, bChannel: 1, rect: [0, 0, 40, 40] },
        { id: 2, bChannel: 2, circle: [200, 100, 30] },
      ]),
    ),
    maskTask("t3", HOSTILE_TASK, mask([{ id: 5, bChannel: 3, rect: [10, 10, 300, 190] }])),
    maskTask("t4", "park/empty.jpg", mask([])),
    maskTask(
      "t5",
      "park/people.jpg",
      mask([
        { id: 1, bChannel: 2, rect: [0, 0, 20, 20] },
        { id: 2, bChannel: 2, rect: [50, 50, 70, 70] },
      ]),
    ),
    maskTask("t6", "park/nomask.jpg"),
    maskTask("t7", "park/broken.jpg", "data:image/png;base64,iVBORw0KGgo="),
  ];
}

/** The project, for a fake lab. */
export function reportProject(): FakeProject {
  return {
    configuration: segmentationConfiguration("p-report", REPORT_LABELS),
    tasks: reportTasks(),
  };
}

/** Exports the report project into `folder`/out with a report; returns the summary. */
export async function exportWithReport(
  folder: string,
  options: Partial<ExportMasksOptions> = {},
  tasks: Task[] = reportTasks(),
): Promise<ExportSummary> {
  const project = { ...reportProject(), tasks };
  await using lab = await startFakeLab({ projects: [project] });
  return await exportMasks({
    client: clientOf(lab),
    projectId: "p-report",
    outputFolder: folder,
    outputFilename: "out",
    report: true,
    filters: { statusIn: ["complete"] },
    ...options,
  });
}

/** The JSON data a report page holds for its script. */
export function reportData(html: string): {
  labels: { id: string; name: string }[];
  tasks: { n: string; f: string; l: number[]; i: number; t?: string }[];
} {
  const match = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error("the report holds no data element");
  return JSON.parse(match[1]);
}
