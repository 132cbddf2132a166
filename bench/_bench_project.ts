/**
 * The benchmark's lab project: `count` tasks whose masks cycle through a small pool, so a project
 * of thousands of 1920×1080 masks is built in milliseconds from the pool's two dozen.
 *
 * @module
 */

import type { Label, Task } from "../lib/api/types.ts";
import type { FakeProject } from "../testing/fake_lab.ts";
import { segmentationConfiguration } from "../testing/lab_projects.ts";
import type { PooledMask } from "./_mask_pool.ts";

/** The benchmark's labels; their bChannels are the ones the pool's masks use. */
export const BENCH_LABELS: Label[] = [
  { id: "car", name: "Car", color: "#e6194b", bChannel: 1 },
  { id: "person", name: "Person", color: "#3cb44b", bChannel: 2 },
  { id: "road", name: "Road", color: "#4363d8", bChannel: 3 },
  { id: "sign", name: "Sign", color: "#f58231", bChannel: 4 },
  { id: "building", name: "Building", color: "#911eb4", bChannel: 5 },
  { id: "vegetation", name: "Vegetation", color: "#46f0f0", bChannel: 6 },
];

/** The semantic mapping the benchmark's "with a mapping" runs use. */
export const BENCH_MAPPING: Record<string, [number, number, number]> = {
  car: [0, 0, 142],
  road: [128, 64, 128],
};

/**
 * The id of the project with `count` tasks.
 *
 * @param count The number of tasks.
 * @returns The project id, e.g. `bench_2000`.
 */
export function benchProjectId(count: number): string {
  return `bench_${count}`;
}

/**
 * Builds a segmentation project of `count` tasks, task `i` holding mask `i % pool.length`.
 *
 * @param count The number of tasks.
 * @param pool The masks to cycle through.
 * @param size The image size written in each task.
 * @returns The project, ready for `startFakeLab`.
 */
export function benchProject(
  count: number,
  pool: readonly PooledMask[],
  size: { width: number; height: number },
): FakeProject {
  const projectId = benchProjectId(count);
  const tasks: Task[] = Array.from({ length: count }, (_, i) => {
    const number = String(i).padStart(6, "0");
    return {
      _id: `task_${number}`,
      name: `frames/frame_${number}.jpg`,
      projectId,
      status: "complete",
      data: { type: "default", body: { image: size, mask: pool[i % pool.length].uri } },
    };
  });
  return { configuration: segmentationConfiguration(projectId, BENCH_LABELS), tasks };
}
