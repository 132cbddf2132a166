import { TaskError } from "../errors.ts";
import type { ImageSize } from "./_task_decoder.ts";

/** The default memory budget of the masks in flight: 512 MiB. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 512 * 2 ** 20;

// A decoded mask is 8-bit RGB.
const BYTES_PER_PIXEL = 3;

/**
 * Admits masks into conversion by what they cost decoded, in bytes, so that however many run at
 * once (one per core), their sum stays within the budget: eight 100-megapixel masks on eight cores
 * would otherwise each hold 300 MB at the same time. Masks wait their turn in task order; a mask
 * that costs more than the whole budget is refused (it could never be admitted).
 */
export class MemoryBudget {
  #total: number;
  #free: number;
  #waiting: { cost: number; admit: () => void }[] = [];

  /**
   * @param totalBytes How many bytes the masks in flight may cost together.
   * @throws {RangeError} when it is not a positive number.
   */
  constructor(totalBytes: number) {
    if (typeof totalBytes !== "number" || !Number.isFinite(totalBytes) || totalBytes <= 0) {
      throw new RangeError(
        `Cannot budget ${String(totalBytes)} bytes of memory: give a positive number of bytes`,
      );
    }
    this.#total = totalBytes;
    this.#free = totalBytes;
  }

  /**
   * Waits until a mask of this cost fits, then takes its bytes from the budget.
   *
   * @param cost The mask's decoded cost in bytes.
   * @param task The task's id and name, for the error.
   * @returns The function that gives the bytes back, to call once the mask is written.
   * @throws {TaskError} when the mask alone costs more than the whole budget.
   */
  async admit(
    cost: number,
    task: { taskId: string; taskName: string; size: ImageSize },
  ): Promise<() => void> {
    if (cost > this.#total) {
      const { width, height } = task.size;
      throw new TaskError(
        `its mask is ${width}×${height}, ${mib(cost)} decoded, more than the whole memory ` +
          `budget of ${mib(this.#total)}; raise --memory-budget (memoryBudgetBytes) to at ` +
          `least ${Math.ceil(cost / 2 ** 20)} MiB to export it`,
        { taskId: task.taskId, taskName: task.taskName },
      );
    }
    if (this.#waiting.length > 0 || cost > this.#free) {
      await new Promise<void>((admit) => this.#waiting.push({ cost, admit }));
    } else {
      this.#free -= cost;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#free += cost;
      this.#admitWaiting();
    };
  }

  /** Admits waiting masks in order, while the first one fits. */
  #admitWaiting(): void {
    while (this.#waiting.length > 0 && this.#waiting[0].cost <= this.#free) {
      const next = this.#waiting.shift()!;
      this.#free -= next.cost;
      next.admit();
    }
  }
}

/**
 * What a mask costs decoded, in bytes, from its size: the PNG's header, or for shapes the task's
 * image. `undefined` when neither is known (the mask then fails with its own reason).
 *
 * @param mask The mask: PNG bytes, or anything else.
 * @param imageSize The task's image size, when the task gives one.
 * @returns The size and the cost in bytes.
 */
export function decodedCost(
  mask: unknown,
  imageSize: ImageSize | undefined,
): { size: ImageSize; cost: number } | undefined {
  const size = mask instanceof Uint8Array ? pngSize(mask) : imageSize;
  if (size === undefined) return undefined;
  return { size, cost: size.width * size.height * BYTES_PER_PIXEL };
}

/** The width and height in a PNG's IHDR chunk, which comes first after the signature. */
function pngSize(png: Uint8Array): ImageSize | undefined {
  const ihdr = [0x49, 0x48, 0x44, 0x52];
  if (png.length < 24 || !ihdr.every((byte, i) => png[12 + i] === byte)) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, 24);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function mib(bytes: number): string {
  if (bytes < 2 ** 20) return `${bytes} bytes`;
  return `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MiB`;
}
