import type { ProjectConfiguration, Task, TaskFilters, TaskPage } from "./types.ts";

/** Options of {@linkcode TaskSource.taskPages}. */
export interface TaskPagesOptions {
  /**
   * Called with each task as soon as it is read, before the next one is, where the source can:
   * a caller can take a large value (a mask) out of the task while it is young in V8's heap,
   * rather than after the whole page is read. Sources that cannot may ignore it.
   */
  onTask?: (task: Task) => void;
  /**
   * How many pages to keep asked while the caller works on one, asked again as each page is
   * taken: a caller whose coming tasks cost it little (a resumed export's tasks it keeps) asks
   * more, so that its walk is not one request's latency a page. The lab client asks no more
   * than 16 MiB of tasks ahead; sources that cannot ask ahead may ignore it. Default: 1.
   */
  pagesAhead?: () => number;
  /**
   * Ends the walk when it aborts: the requests under way are abandoned, and the page being waited
   * for rejects with its reason. Sources that never wait may ignore it.
   */
  signal?: AbortSignal;
}

/**
 * Where an export gets a project's configuration and tasks: the lab API (`LabClient`) or a file
 * exported earlier (`ExportFileSource`).
 *
 * @example A source serving one project from memory
 * ```ts
 * import type { TaskSource } from "@lab/masks";
 *
 * const source: TaskSource = {
 *   getProjectConfiguration: (projectId) =>
 *     Promise.resolve({ projectId, projectType: "iat-segmentation" }),
 *   async *taskPages() {
 *     yield { docs: [], totalDocs: 0, limit: 100, totalPages: 0, page: 1, hasNextPage: false, nextPage: null };
 *   },
 * };
 * console.log((await source.getProjectConfiguration("p1")).projectType); // "iat-segmentation"
 * ```
 */
export interface TaskSource {
  /** The project's configuration: its type, labels and inputs. */
  getProjectConfiguration(projectId: string): Promise<ProjectConfiguration>;
  /** The project's tasks matching the filters, page by page, in a stable order. */
  taskPages(
    projectId: string,
    filters?: TaskFilters,
    options?: TaskPagesOptions,
  ): AsyncIterableIterator<TaskPage>;
}
