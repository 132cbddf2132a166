/**
 * The page size of one walk of task pages, made smaller when a page would cost too much once
 * parsed, so a project of dense tasks is exported in smaller pages rather than not at all.
 *
 * @module
 */
import { ApiError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import type { PageCostError } from "./_page_cost_error.ts";

/** Options of {@linkcode PageSizes}. */
export interface PageSizesOptions {
  /** The page size to start with (`pageSize`). */
  pageSize: number;
  /** The limit per page the refusals were for (`maxPageParsedBytes`). */
  maxParsedBytes: number;
  /** Told once, the first time the pages are made smaller. */
  onWarning?: (message: string) => void;
}

/**
 * The `limit` a walk asks, and the page that asks the same tasks again in smaller pages when a
 * page is refused for its cost. Page `p` of `limit` tasks holds tasks `(p - 1) × limit + 1` to
 * `p × limit`: the new size divides the old one, so a page of the new size starts with the
 * refused page's first task, and the walk goes on from there with the new size, in the same
 * order, through the same repeated-task and total checks. A page of one task that is still
 * refused is an error naming that task.
 *
 * @example
 * ```ts
 * import { PageSizes } from "./_page_sizes.ts";
 *
 * const sizes = new PageSizes({ pageSize: 100, maxParsedBytes: 1024 });
 * console.log(sizes.limit); // 100
 * ```
 */
export class PageSizes {
  #limit: number;
  #options: PageSizesOptions;
  #warned = false;

  /** @param options The first page size, the limit per page, and where to warn. */
  constructor(options: PageSizesOptions) {
    this.#options = options;
    this.#limit = options.pageSize;
  }

  /** How many tasks a page asks now. */
  get limit(): number {
    return this.#limit;
  }

  /**
   * Makes the pages smaller after page `page`, asked {@linkcode limit} tasks at a time, was
   * refused for its cost: the largest divisor of the old size that is at most its half (100, 50,
   * 25, 5, 1), whatever the chunks the page came in, so the pages asked are the same every run.
   *
   * @param page The refused page's number.
   * @param refusal The refusal.
   * @returns The number of the page of the new size that starts with the refused page's first task.
   * @throws {ApiError} when the refused page held one task: that task alone is past the limit.
   */
  smaller(page: number, refusal: PageCostError): number {
    const old = this.#limit;
    if (old === 1) throw alonePastTheLimit(page, refusal, this.#options.maxParsedBytes);
    let size = Math.floor(old / 2);
    while (old % size !== 0) size--;
    this.#limit = size;
    if (!this.#warned) {
      this.#warned = true;
      this.#options.onWarning?.(
        `Page ${page} of the tasks (${old} tasks) would take more than ` +
          `${this.#options.maxParsedBytes} bytes of memory once parsed, the limit per page: ` +
          `its tasks and the ones after it are asked in smaller pages (${size} tasks, fewer if ` +
          "need be).",
      );
    }
    return (page - 1) * (old / size) + 1;
  }
}

/** The error for a page of one task that is past the limit: task `page` of the walk. */
function alonePastTheLimit(page: number, refusal: PageCostError, limit: number): ApiError {
  const { method, path, status } = refusal;
  const what = `task ${page} of the tasks asked, which alone would take more than ${limit} bytes` +
    " of memory once parsed, as estimated from its text";
  return new ApiError(
    settingMessage`The lab answered ${method} ${path} with ${what}: past the limit per page, ${
      mention("maxPageParsedBytes")
    }, even in a page of one task.`,
    { status, method, path },
  );
}
