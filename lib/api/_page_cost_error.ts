/**
 * The refusal of a page for what its tasks would cost once parsed, told apart from the other
 * refusals of a page: the walk asks for the same tasks again in smaller pages.
 *
 * @module
 */
import { ApiError } from "../errors.ts";

/** A page refused for the estimate of what its tasks cost once parsed (`maxPageParsedBytes`). */
export class PageCostError extends ApiError {
  /**
   * Wraps the refusal of a page.
   *
   * @param error The refusal, as any other refusal of the page is worded.
   *
   * @example
   * ```ts
   * import { ApiError } from "../errors.ts";
   * import { PageCostError } from "./_page_cost_error.ts";
   *
   * const error = new ApiError("too costly", { status: 200, method: "GET", path: "api/x" });
   * console.log(new PageCostError(error) instanceof ApiError); // true
   * ```
   */
  constructor(error: ApiError) {
    super(error.message, { status: error.status, method: error.method, path: error.path });
    this.name = "ApiError";
  }
}
