/**
 * One export of one project from a fresh fake lab, into `<folder>/out`.
 *
 * @module
 */
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import type { ExportSummary } from "../../lib/model/export_summary.ts";
import { type FakeProject, startFakeLab } from "../../testing/fake_lab.ts";
import { withDeadline } from "./deadline.ts";
import { clientOf } from "./lab_client.ts";

/** Exports `project` into `folder`/out against a fresh fake lab; `options` add to or override. */
export async function exportOnce(
  project: FakeProject,
  folder: string,
  options: Partial<ExportMasksOptions> = {},
): Promise<ExportSummary> {
  await using lab = await startFakeLab({ projects: [project] });
  const exported = exportMasks({
    client: clientOf(lab),
    projectId: project.configuration.projectId,
    outputFolder: folder,
    outputFilename: "out",
    ...options,
  });
  return await withDeadline(
    exported,
    120_000,
    `the export of project "${project.configuration.projectId}"`,
  );
}
