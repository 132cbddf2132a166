/**
 * The errors `@lab/masks` throws. Each class carries what a user needs to fix the problem, and
 * maps to one exit code of the CLI (see {@linkcode exitCodeOf}).
 *
 * @module
 */
import { inertText } from "./inert_text.ts";

/**
 * Where a message names a setting: as what the sentence is about (`Option "--shard" is empty`,
 * `Input "shard" is empty`), or in passing (`add --resume`, `add resume: true`).
 */
export type SettingRole = "subject" | "mention";

/**
 * Words a setting the way one surface names it.
 *
 * @param setting The canonical key, e.g. `"outputFolder"` or `"statusIn"`.
 * @param role Whether the sentence is about the setting, or names it in passing.
 * @returns The setting in that surface's words, e.g. `--output-folder`.
 */
export type SettingNamer = (setting: string, role: SettingRole) => string;

/**
 * An error message that names settings by their canonical key, so that each surface words them
 * its own way; its string form is the library's words (`options.outputFolder`).
 */
export interface SettingText {
  /**
   * The message with its settings in one surface's words.
   *
   * @param nameOf How that surface names a setting.
   * @returns The message.
   */
  render(nameOf: SettingNamer): string;
  /** The message in the library's words. */
  toString(): string;
}

/**
 * Base class of every error this package throws on purpose.
 *
 * @example Telling our errors apart from unexpected ones
 * ```ts
 * import { MasksError, ConfigError } from "@lab/masks";
 *
 * const error: unknown = new ConfigError("The shard is malformed", { setting: "shard" });
 * console.log(error instanceof MasksError); // true
 * ```
 */
export class MasksError extends Error {
  #text: string | SettingText;

  /**
   * Creates an error with a message a user can act on.
   *
   * @param message A sentence naming the value at fault and the fix; the settings it names are
   * worded by each surface (see {@linkcode MasksError.render}).
   * @param options The underlying cause, if any.
   */
  constructor(message: string | SettingText, options?: ErrorOptions) {
    super(String(message), options);
    this.name = "MasksError";
    this.#text = message;
  }

  /**
   * The message with the settings it names in one surface's words: the command line renders
   * `outputFolder` as `--output-folder`, the Action as input `output-folder`.
   *
   * @param nameOf How that surface names a setting.
   * @returns The message.
   *
   * @example
   * ```ts
   * import { ConfigError } from "@lab/masks";
   *
   * const error = new ConfigError("The shard is malformed", { setting: "shard" });
   * console.log(error.render((setting) => `--${setting}`)); // "The shard is malformed"
   * ```
   */
  render(nameOf: SettingNamer): string {
    // An error revived from a worker has its message only.
    if (!(#text in this) || typeof this.#text === "string") return this.message;
    return this.#text.render(nameOf);
  }
}

/**
 * Bad flags, settings, mapping, project type or input choice. Nothing was exported. Exit code 2.
 *
 * @example
 * ```ts
 * import { ConfigError } from "@lab/masks";
 *
 * const error = new ConfigError("The list of statuses is empty", { setting: "statusIn" });
 * console.log(error.setting); // "statusIn"
 * ```
 */
export class ConfigError extends MasksError {
  /**
   * The setting at fault, when there is one, by its canonical key: the library's option name in
   * camelCase (`"outputFolder"`, `"resume"`, a task filter's `"statusIn"`, a credential's
   * `"secretKey"`). Each surface words it its own way: `--output-folder`, input `output-folder`.
   */
  readonly setting?: string;

  /**
   * Creates a configuration error.
   *
   * @param message A sentence naming the setting at fault and the fix.
   * @param options The setting at fault and the underlying cause.
   */
  constructor(message: string | SettingText, options?: ErrorOptions & { setting?: string }) {
    super(message, options);
    this.name = "ConfigError";
    this.setting = options?.setting;
  }
}

/**
 * The lab API answered with an error, or could not be reached. Exit code 3.
 *
 * @example
 * ```ts
 * import { ApiError } from "@lab/masks";
 *
 * const error = new ApiError("Project not found.", { status: 404, method: "GET", path: "api/x" });
 * console.log(error.status); // 404
 * ```
 */
export class ApiError extends MasksError {
  /** The HTTP status, or `0` when the server could not be reached. */
  readonly status: number;
  /** The HTTP method of the failed request. */
  readonly method: string;
  /** The request path relative to the endpoint (never with credentials or tokens). */
  readonly path: string;

  /**
   * Creates an API error.
   *
   * @param message A sentence saying what failed and what to check.
   * @param options The status, method and path of the failed request, and the cause.
   */
  constructor(
    message: string | SettingText,
    options: ErrorOptions & { status: number; method: string; path: string },
  ) {
    super(message, options);
    this.name = "ApiError";
    this.status = options.status;
    this.method = options.method;
    this.path = options.path;
  }
}

/**
 * One task could not be exported (bad mask data, unsafe name...). It is reported, the export goes
 * on with the other tasks, and the CLI exits with code 1.
 *
 * @example
 * ```ts
 * import { TaskError } from "@lab/masks";
 *
 * const error = new TaskError("the mask is not a PNG", { taskId: "t1", taskName: "a.jpg" });
 * console.log(error.message); // 'Task "a.jpg" (t1): the mask is not a PNG'
 * ```
 *
 * @example A failure a setting would let through
 * ```ts
 * import { TaskError } from "@lab/masks";
 *
 * const error = new TaskError("its mask is above the pixel limit; raise the limit to export it", {
 *   taskId: "t1",
 *   taskName: "a.jpg",
 *   setting: "maxPixels",
 * });
 * console.log(error.message.endsWith("to export it (options.maxPixels)")); // true
 * console.log(error.render((setting) => `--${setting}`).endsWith("(--maxPixels)")); // true
 * ```
 */
export class TaskError extends MasksError {
  /** The id of the task at fault. */
  readonly taskId: string;
  /** The name of the task at fault. */
  readonly taskName: string;
  /** Why the task failed, without the task's id and name, in words that name no setting. */
  readonly reason: string;
  /**
   * The setting that would let the task through, when raising one would (`"memoryBudgetBytes"`,
   * `"maxPixels"`), by its canonical key: each surface names it in its own words.
   */
  readonly setting?: string;

  /**
   * Creates a task error; the message names the task, and the setting that would fix it.
   *
   * @param reason Why the task failed, as a lower-case clause that names no setting.
   * @param options The task's id and name, the setting that would fix it, and the cause.
   */
  constructor(
    reason: string,
    options: ErrorOptions & { taskId: string; taskName: string; setting?: string },
  ) {
    // The id and name come from the server: inert, so the message stays one harmless line.
    const task = `${inertText(JSON.stringify(options.taskName))} (${inertText(options.taskId)})`;
    const text = `Task ${task}: ${reason}`;
    const { setting } = options;
    super(setting === undefined ? text : withSetting(text, setting), options);
    this.name = "TaskError";
    this.taskId = options.taskId;
    this.taskName = options.taskName;
    this.reason = reason;
    this.setting = setting;
  }
}

/** A message followed by the setting that would fix it, in parentheses, in each surface's words. */
function withSetting(text: string, setting: string): SettingText {
  const words = (nameOf: SettingNamer) => `${text} (${nameOf(setting, "mention")})`;
  return { render: words, toString: () => words((key) => `options.${key}`) };
}

/**
 * A path the export would use is unsafe: absolute, climbing out of the export folder, or going
 * through a symbolic link inside it. Nothing is read, written or deleted there. Exit code 2.
 *
 * @example
 * ```ts
 * import { UnsafePathError } from "@lab/masks";
 *
 * const error = new UnsafePathError("../x.png", "it climbs out of the export folder");
 * console.log(error.path); // "../x.png"
 * ```
 */
export class UnsafePathError extends ConfigError {
  /** The path at fault, as the export would have used it. */
  readonly path: string;

  /**
   * Creates an unsafe-path error.
   *
   * @param path The path at fault.
   * @param reason Why it is refused, as a lower-case clause.
   * @param options The setting that led to it and the underlying cause.
   */
  constructor(path: string, reason: string, options?: ErrorOptions & { setting?: string }) {
    super(`Refusing the path ${JSON.stringify(path)}: ${reason}`, options);
    this.name = "UnsafePathError";
    this.path = path;
  }
}

/**
 * A PNG could not be decoded or encoded: bad signature, CRC, chunk layout, size or data.
 *
 * @example
 * ```ts
 * import { PngError } from "@lab/masks";
 *
 * const error = new PngError("the PNG signature is missing");
 * console.log(error.name); // "PngError"
 * ```
 */
export class PngError extends MasksError {
  /** The setting that would let the PNG be read (`"maxPixels"`), by its canonical key. */
  readonly setting?: string;

  /**
   * Creates a PNG error.
   *
   * @param message What is wrong with the PNG, as a lower-case clause that names no setting.
   * @param options The setting that would let the PNG be read, and the underlying cause.
   */
  constructor(message: string, options?: ErrorOptions & { setting?: string }) {
    super(message, options);
    this.name = "PngError";
    this.setting = options?.setting;
  }
}

/**
 * The CLI's exit code for an error: 2 for {@linkcode ConfigError}, 3 for {@linkcode ApiError},
 * 1 for anything else.
 *
 * @param error The error that ended the run.
 * @returns The exit code documented in the README and `--help`.
 *
 * @example
 * ```ts
 * import { ConfigError } from "@lab/masks";
 * import { exitCodeOf } from "./errors.ts";
 *
 * console.log(exitCodeOf(new ConfigError("bad"))); // 2
 * ```
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof ConfigError) return 2;
  if (error instanceof ApiError) return 3;
  return 1;
}
