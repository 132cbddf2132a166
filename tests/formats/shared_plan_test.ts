import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import type { TaskFilters } from "../../lib/api/types.ts";
import { ConfigError } from "../../lib/errors.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { exportFormat } from "../../lib/export/export_format.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { segmentationProject } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";

/** The message and setting of the error `run` rejects with. */
async function refusal(run: () => Promise<unknown>): Promise<[string, string | undefined]> {
  const error = await run().then(() => undefined, (error: unknown) => error);
  assert.ok(error instanceof ConfigError, String(error));
  return [error.message, error.setting];
}

Deno.test("exportFormat() refuses a project id or filters as exportMasks() does, before any request", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", [])] });
  const cases: [string, { projectId: string; filters?: TaskFilters }][] = [
    ["no project id", { projectId: " " }],
    ["an empty status list", { projectId: "p1", filters: { statusIn: [] } }],
    ["a date that does not parse", { projectId: "p1", filters: { updatedAtGte: "yesterday" } }],
  ];
  for (const [what, settings] of cases) {
    const common = { client: clientOf(lab), outputFolder: dir.path, ...settings };
    const mask = await refusal(() => exportMasks(common));
    for (const format of ["lab", "yolo", "coco"] as const) {
      assert.deepEqual(await refusal(() => exportFormat({ ...common, format })), mask, what);
    }
  }
  assert.equal(lab.requests.length, 0);
  assert.deepEqual(await listFiles(dir.path), []);
});
