import type { Task } from "../api/types.ts";
import { MasksError, PngError } from "../errors.ts";
import { pngMaskOf } from "../detect/mask_of.ts";

/** What reading a mask gave, or why it could not be read. */
type Settled<T> = { value: T } | { error: unknown };

/**
 * Reads tasks' masks ahead of their turn (COCO's instances, `yolo-seg`'s label files): each
 * mask's read is started when its task is prepared, on the export's workers, and awaited when
 * the task is taken; without workers (`ahead` 0) each is read when taken. A mask that cannot be
 * read fails its task when it is taken, never before: "its mask cannot be read: …".
 */
export class MaskReadsAhead<T> {
  /** How many tasks the export hands to `prepare` before it takes the first (0: none). */
  readonly ahead: number;
  #read: (bytes: Uint8Array) => T | Promise<T>;
  #pending = new Map<Task, Promise<Settled<T>>>();

  /**
   * @param ahead How many masks are read ahead (twice the workers, or 0).
   * @param read Reads one mask's PNG bytes: on a worker when `ahead` is above 0, else here.
   */
  constructor(ahead: number, read: (bytes: Uint8Array) => T | Promise<T>) {
    this.ahead = ahead;
    this.#read = read;
  }

  /** Starts reading a task's mask (its data URI), when masks are read ahead. */
  start(task: Task, mask: unknown): void {
    if (this.ahead > 0) this.#pending.set(task, this.#settle(mask));
  }

  /** Forgets a task's read: the task failed before its mask was wanted. */
  drop(task: Task): void {
    this.#pending.delete(task);
  }

  /** Forgets every read: the export stops. */
  clear(): void {
    this.#pending.clear();
  }

  /**
   * The task's mask read: the one started ahead, or one made now.
   *
   * @throws {MasksError} `its mask cannot be read: …`, a {@linkcode PngError} keeping its setting.
   */
  async take(task: Task, mask: unknown): Promise<T> {
    const pending = this.#pending.get(task);
    this.#pending.delete(task);
    const read = await (pending ?? this.#settle(mask));
    if ("error" in read) throwUnreadable(read.error);
    return read.value;
  }

  #settle(value: unknown): Promise<Settled<T>> {
    const mask = pngMaskOf(value);
    if (mask.kind === "invalid") return Promise.resolve({ error: new MasksError(mask.reason) });
    try {
      return Promise.resolve(this.#read(mask.bytes)).then((read) => ({ value: read }), (error) => ({
        error,
      }));
    } catch (error) {
      return Promise.resolve({ error });
    }
  }
}

/**
 * Throws a decoder's error as the task's: "its mask cannot be read: …", of the same class (a PNG
 * above the pixel limit keeps its setting, for each surface to name); anything but a
 * `MasksError` (a bug) as it is.
 */
function throwUnreadable(error: unknown): never {
  if (!(error instanceof MasksError)) throw error;
  const reason = `its mask cannot be read: ${error.message}`;
  if (error instanceof PngError) {
    throw new PngError(reason, { cause: error, setting: error.setting });
  }
  throw new MasksError(reason, { cause: error });
}
