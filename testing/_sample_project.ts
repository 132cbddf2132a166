import type { Task } from "../lib/api/types.ts";
import type { FakeProject } from "./fake_lab.ts";

const STATUSES = ["complete", "reviewed", "to-review"];
const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_DAY = Date.UTC(2024, 11, 1, 9, 30, 0);

/**
 * A segmentation project with `taskCount` varied tasks, for the tests: task `i` (from 0) is
 * `task_<i>` named `street/frame_<i>.jpg`, with status `complete`/`reviewed`/`to-review` in turn,
 * batch `batch_a` (even) or `batch_b` (odd), created on day `i` from 2024-12-01 09:30 UTC and
 * updated a day later, property `camera` `front`/`rear` and `data.body.image.width` 100 + i.
 */
export function sampleProject(projectId: string, taskCount: number): FakeProject {
  const tasks: Task[] = Array.from({ length: taskCount }, (_, i) => {
    const number = String(i).padStart(4, "0");
    return {
      _id: `task_${number}`,
      name: `street/frame_${number}.jpg`,
      projectId,
      batchId: i % 2 === 0 ? "batch_a" : "batch_b",
      status: STATUSES[i % STATUSES.length],
      createdAt: new Date(FIRST_DAY + i * DAY_MS).toISOString(),
      updatedAt: new Date(FIRST_DAY + (i + 1) * DAY_MS).toISOString(),
      properties: { camera: i % 2 === 0 ? "front" : "rear" },
      data: { type: "default", body: { image: { width: 100 + i, height: 50 } } },
    };
  });
  return { configuration: { projectId, projectType: "iat-segmentation" }, tasks };
}
