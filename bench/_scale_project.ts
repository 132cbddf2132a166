/**
 * The benchmark's project of many small masks (`scale_<count>`): street scenes of 64×48 drawn as
 * the realistic pool draws them, one task in a hundred updated in the future, so an incremental
 * run over an export of the project takes exactly those (1%).
 *
 * @module
 */

import type { FakeProject } from "../testing/fake_lab.ts";
import { benchProject } from "./_bench_project.ts";
import { maskPool } from "./_mask_pool.ts";

/** One task in this many is "changed": updated after any export of it. */
export const CHANGED_EVERY = 100;

/**
 * The id of the small-mask project with `count` tasks.
 *
 * @param count The number of tasks.
 * @returns The project id, e.g. `scale_100000`.
 */
export function scaleProjectId(count: number): string {
  return `scale_${count}`;
}

/**
 * Builds the small-mask projects, one per count.
 *
 * @param counts The task counts.
 * @param size The masks' size.
 * @returns The projects, ready for `startFakeLab`.
 */
export async function scaleProjects(
  counts: readonly number[],
  size: { width: number; height: number },
): Promise<FakeProject[]> {
  const pool = await maskPool({ ...size, scene: "realistic" });
  return [...new Set(counts)].map((count) => {
    const project = benchProject(count, pool, size);
    const projectId = scaleProjectId(count);
    project.configuration.projectId = projectId;
    for (const [i, task] of project.tasks.entries()) {
      task.projectId = projectId;
      task.updatedAt = i % CHANGED_EVERY === CHANGED_EVERY - 1
        ? "2099-01-01T00:00:00.000Z"
        : "2020-01-01T00:00:00.000Z";
    }
    return project;
  });
}
