import { TaskError } from "../errors.ts";
import type { ImageSize, Mask } from "../detect/mask_of.ts";

/** The default memory budget of the masks in flight: 512 MiB. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 512 * 2 ** 20;

// Shapes are rasterized whole, as 8-bit RGB.
const BYTES_PER_PIXEL = 3;

/**
 * A PNG mask is decoded and rendered strip by strip (`lib/raster/_png_rows.ts`): of its pixels,
 * only a strip's are held at once, each pixel at most 8 bytes raw, 3 as RGB and 1 more in the
 * format's own rows (class-index, binary; 2 in instance, 3 in rgb).
 */
const STRIP_BYTES_PER_PIXEL = 12;

/** A strip holds about 256 KiB of RGB rows, or 8 rows when they are wider. */
const STRIP_PIXELS = (256 * 1024) / 3;
const MIN_STRIP_ROWS = 8;

/**
 * Admits masks into conversion by what converting them holds, in bytes, so that however many run
 * at once (one per core), their sum stays within the budget: eight 100-megapixel masks of shapes
 * on eight cores would otherwise each hold 300 MB at the same time. Masks wait their turn in task order; a mask
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
   * @param cost What converting the mask holds, in bytes.
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
        `its mask is ${width}×${height}, ${mib(cost)} to convert, more than the whole memory ` +
          `budget of ${mib(this.#total)}; raise the memory budget to at least ` +
          `${Math.ceil(cost / 2 ** 20)} MiB to export it`,
        { taskId: task.taskId, taskName: task.taskName, setting: "memoryBudgetBytes" },
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
 * What converting a mask holds, in bytes. A PNG mask: its own bytes, as many again for the files
 * it becomes (masks compress alike), and one strip of its rows; zlib's state is kept from mask
 * to mask on each thread, so it is not charged to any. Shapes: the whole rasterized image, 3
 * bytes a pixel, from the task's image size. `undefined` when the size is not known, or for an
 * invalid mask, which is never decoded (the mask then fails with its own reason).
 *
 * @param mask The task's mask.
 * @returns The size and the cost in bytes.
 */
export function conversionCost(mask: Mask): { size: ImageSize; cost: number } | undefined {
  if (mask.kind === "shapes") {
    const size = mask.image;
    if (size === undefined) return undefined;
    return { size, cost: size.width * size.height * BYTES_PER_PIXEL };
  }
  if (mask.kind !== "png") return undefined;
  const size = pngSize(mask.bytes);
  if (size === undefined) return undefined;
  const { width, height } = size;
  const stripPixels = Math.min(width * height, Math.max(STRIP_PIXELS, width * MIN_STRIP_ROWS));
  return {
    size,
    cost: 2 * mask.bytes.byteLength + Math.ceil(stripPixels) * STRIP_BYTES_PER_PIXEL,
  };
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
