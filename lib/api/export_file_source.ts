import { checkOptionTypes, type OptionTypes, TEXT, wholeNumber } from "../option_types.ts";
import { checkTaskFilterTypes } from "./validate_task_filters.ts";
import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import { filterTasks } from "./_filter_tasks.ts";
import { TaskIdsSeen } from "./_task_ids_seen.ts";
import { inertText } from "../inert_text.ts";
import { jsonArrayItems, readJsonFile } from "./json_array_stream.ts";
import type { TaskSource } from "./task_source.ts";
import { taskQuery } from "./task_query.ts";
import type { ProjectConfiguration, Task, TaskFilters, TaskPage } from "./types.ts";

/** Options of {@linkcode ExportFileSource}. */
export interface ExportFileSourceOptions {
  /**
   * A JSON array of tasks: the SDK's `export_tasks(format="lab")` file (masks at `data.mask`),
   * or raw API task documents (masks at `data.body.mask`).
   */
  exportFile: string;
  /** The project configuration, as `GET .../project-configuration` returns it, in a JSON file. */
  configFile: string;
  /**
   * The configuration file's JSON, when the caller has read it already (a pipe such as
   * `<(…)` can be read once); checked as the file would be, and `configFile` still names it.
   */
  configuration?: unknown;
  /** How many tasks make a page. @default {100} */
  pageSize?: number;
}

const EXPORT_FILE_SOURCE_OPTION_TYPES: OptionTypes<ExportFileSourceOptions> = {
  exportFile: { ...TEXT, required: true },
  configFile: { ...TEXT, required: true },
  // Whatever JSON it holds is checked as the file's would be.
  configuration: { expects: "JSON", is: () => true },
  pageSize: wholeNumber(1),
};

/**
 * A task source that reads an earlier JSON export instead of the API: convert masks offline,
 * with the same options and output. The file is streamed, so a 2 GB export needs no 2 GB of
 * memory. Task filters apply as the fake lab applies them (see `startFakeLab`); a task without an
 * `_id` gets `#<index>` as its id (its index in the file's array, from 0; errors count elements
 * from 1). A file that holds an id twice, or an item that is not an object, is refused (as the
 * API's pages are).
 *
 * @example
 * ```ts ignore
 * import { ExportFileSource, exportMasks } from "@lab/masks";
 *
 * const client = new ExportFileSource({ exportFile: "tasks.json", configFile: "config.json" });
 * await exportMasks({ client, projectId: "proj_seg_demo", outputFolder: "./output" });
 * ```
 */
export class ExportFileSource implements TaskSource {
  #options: ExportFileSourceOptions;
  #configuration?: Promise<ProjectConfiguration>;

  /**
   * Creates a source; the files are read when the export asks for them.
   *
   * @param options The export file and the configuration file.
   * @throws {TypeError} when a file is not named by a string; {@linkcode RangeError} when
   * `pageSize` is not a whole number of at least 1.
   */
  constructor(options: ExportFileSourceOptions) {
    checkOptionTypes(options, EXPORT_FILE_SOURCE_OPTION_TYPES);
    this.#options = options;
  }

  /**
   * Reads the configuration file.
   *
   * @param projectId The project id; it must be the configuration's.
   * @returns The configuration.
   * @throws {ConfigError} when the file cannot be read, is not a configuration, or is another
   * project's.
   */
  getProjectConfiguration(projectId: string): Promise<ProjectConfiguration> {
    return (this.#configuration ??= this.#readConfiguration()).then((configuration) => {
      if (configuration.projectId !== projectId) {
        throw new ConfigError(
          settingMessage`The configuration "${this.#options.configFile}" is project "${configuration.projectId}"'s, not "${projectId}"'s; give the matching ${
            mention("configFile")
          }`,
          { setting: "configFile" },
        );
      }
      return configuration;
    });
  }

  /**
   * Streams the export file's tasks in pages, keeping those that match the filters.
   *
   * @param projectId The project id.
   * @param filters The get-tasks filters.
   * @returns Pages of tasks; `totalDocs` is 0, as the count is known only at the end.
   * @throws {ConfigError} when the file cannot be read, is not a JSON array of objects, or holds a
   * task id twice.
   * @throws {TypeError} when a filter is unknown or of the wrong type (see `checkTaskFilterTypes`).
   */
  async *taskPages(projectId: string, filters: TaskFilters = {}): AsyncIterableIterator<TaskPage> {
    checkTaskFilterTypes(filters);
    const size = this.#options.pageSize ?? 100;
    const query = taskQuery(projectId, filters, { page: 1, limit: size });
    const file = await this.#open();
    let batch: Task[] = [];
    let position = 0;
    let page = 1;
    const pageOf = (hasNextPage: boolean): TaskPage => {
      const result = filterTasks(batch, query);
      if ("error" in result) throw new ConfigError(result.error, { setting: "exportFile" });
      const docs = result.tasks;
      batch = [];
      return {
        docs,
        totalDocs: 0,
        limit: size,
        totalPages: 0,
        page: page++,
        hasNextPage,
        nextPage: null,
      };
    };
    const items = jsonArrayItems(file.readable, { source: this.#options.exportFile });
    // A task id names one task: a second task with it would write over the first's mask.
    const seen = new TaskIdsSeen();
    try {
      for await (const item of items) {
        if (typeof item !== "object" || item === null || Array.isArray(item)) {
          throw this.#notATask(item, position + 1);
        }
        const task = asTask(item, position);
        if (seen.again(task._id)) throw this.#again(task._id, position + 1);
        position++;
        batch.push(task);
        if (batch.length === size) yield pageOf(true);
      }
    } catch (error) {
      // The file's own faults are said by the stream; the system's (a read that fails) here.
      throw error instanceof ConfigError ? error : this.#cannotRead(error);
    }
    yield pageOf(false);
  }

  /** Opens the export file; a folder, or a path that cannot be opened, is refused by name. */
  async #open(): Promise<Deno.FsFile> {
    let file: Deno.FsFile | undefined;
    try {
      file = await Deno.open(this.#options.exportFile);
      if ((await file.stat()).isDirectory) throw new Error("it is a folder, not a file");
      return file;
    } catch (error) {
      file?.close();
      throw this.#cannotRead(error);
    }
  }

  /** The export file holds a task id twice, the second time as its `element`-th (from 1). */
  #again(id: string, element: number): ConfigError {
    return new ConfigError(
      `The export file "${this.#options.exportFile}" holds task ${
        inertText(JSON.stringify(id))
      } twice (again as its element ${element}): a task id names one task, and the second would ` +
        "take the first's mask file; export the project again, or remove one of them",
      { setting: "exportFile" },
    );
  }

  /** The export file's `element`-th item (from 1) is not an object: it is no lab export. */
  #notATask(item: unknown, element: number): ConfigError {
    const kind = item === null
      ? "null"
      : Array.isArray(item)
      ? "an array"
      : typeof item === "string"
      ? "text"
      : `a ${typeof item}`;
    return new ConfigError(
      `The export file "${this.#options.exportFile}" holds ${kind} as its element ${element}, ` +
        "not a task (a JSON object): it is not a lab export as it was written; export the " +
        "project again, or remove that element",
      { setting: "exportFile" },
    );
  }

  #cannotRead(error: unknown): ConfigError {
    return new ConfigError(
      `Cannot read the export file "${this.#options.exportFile}": ` +
        `${error instanceof Error ? error.message : error}`,
      { setting: "exportFile", cause: error },
    );
  }

  async #readConfiguration(): Promise<ProjectConfiguration> {
    const value = this.#options.configuration ??
      await readJsonFile(this.#options.configFile, "configFile");
    const configuration = value as ProjectConfiguration;
    if (
      typeof value !== "object" || value === null || typeof configuration.projectId !== "string" ||
      typeof configuration.projectType !== "string"
    ) {
      throw new ConfigError(
        `The configuration "${this.#options.configFile}" is not a project configuration: it ` +
          `needs "projectId" and "projectType", as the API's project-configuration returns`,
        { setting: "configFile" },
      );
    }
    return configuration;
  }
}

function asTask(item: object, position: number): Task {
  const task = item as Task;
  return {
    ...task,
    _id: typeof task._id === "string" ? task._id : `#${position}`,
    name: task.name,
  };
}
