import type { ApiError } from "../errors.ts";
import { inertText } from "../inert_text.ts";
import { type CallContext, isJsonObject, unexpectedAnswer } from "./_http_error.ts";
import type { TaskPage } from "./types.ts";
import { TaskIdsSeen } from "./_task_ids_seen.ts";

/**
 * Reads the pages of one walk and stops a walk that would never end: a page that repeats a task
 * id already seen, an empty page that claims a next one, a walk past the first page's
 * `totalPages` or `totalDocs` by more than a margin (tasks added meanwhile fit in it), or a next
 * page that does not move forward. Numbers from the server must be numbers. The walk may go on in
 * smaller pages (a page too costly is asked again in smaller ones): `totalPages` is counted in
 * the pages of the size it came with.
 */
export class PageWalk {
  #seen = new TaskIdsSeen();
  #tasks = 0;
  #totalDocs?: number;
  #totalPages?: number;
  #totalPagesLimit = 1; // the page size `totalPages` counts in

  /**
   * Checks page `pageNumber`'s JSON body and returns it as a page, with its `nextPage` filled in.
   *
   * @param limit The page size the page was asked with.
   * @throws {ApiError} when the page is malformed or the walk would not end.
   */
  page(body: unknown, pageNumber: number, context: CallContext, limit = 1): TaskPage {
    const refuse = (what: string): ApiError => unexpectedAnswer(context, { what });
    if (!isJsonObject(body) || !Array.isArray(body.docs) || typeof body.hasNextPage !== "boolean") {
      throw refuse("a page without `docs` and `hasNextPage`");
    }
    for (const field of ["totalDocs", "totalPages"] as const) {
      const value = body[field];
      // The count is shown and summed ("Exporting 120 tasks"): it must be there on every page.
      const missing = value === undefined && field === "totalDocs";
      if (
        missing || (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0))
      ) {
        throw refuse(
          missing
            ? "a page without a `totalDocs`"
            : `a \`${field}\` that is not a whole number (${inertText(value)})`,
        );
      }
    }
    const page = body as unknown as TaskPage;
    this.#totalDocs ??= page.totalDocs;
    if (this.#totalPages === undefined && page.totalPages !== undefined) {
      this.#totalPages = page.totalPages;
      this.#totalPagesLimit = limit;
    }
    this.#takeIds(page.docs, pageNumber, refuse);
    this.#tasks += page.docs.length;
    const totalDocs = this.#totalDocs;
    if (totalDocs !== undefined && this.#tasks > totalDocs + Math.max(1000, totalDocs / 10)) {
      throw refuse(`${this.#tasks} tasks by page ${pageNumber}, far more than its ${totalDocs}`);
    }
    if (!page.hasNextPage) return page;
    if (page.docs.length === 0) throw refuse(`an empty page ${pageNumber} that claims a next page`);
    const nextPage = typeof page.nextPage === "number" ? page.nextPage : pageNumber + 1;
    // A next page that does not move forward would loop for ever.
    if (!Number.isInteger(nextPage) || nextPage <= pageNumber) {
      throw refuse(`page ${pageNumber} pointing back to page ${inertText(page.nextPage)}`);
    }
    const totalPages = this.#totalPages;
    // Compared in tasks: the next page may be of a smaller size than `totalPages` counts in.
    const tooFar = (pages: number) =>
      nextPage * limit > (pages + Math.max(10, pages / 10)) * this.#totalPagesLimit;
    if (totalPages !== undefined && tooFar(totalPages)) {
      throw refuse(`page ${pageNumber} pointing to page ${nextPage}, far past its ${totalPages}`);
    }
    return { ...page, nextPage };
  }

  /** Notes each task's id, refusing a task without a string one, or one seen before. */
  #takeIds(docs: unknown[], pageNumber: number, refuse: (what: string) => ApiError): void {
    for (const [position, task] of docs.entries()) {
      // Every task is known by its id (resume, shards, splits, the manifest): none may lack one.
      if (!isJsonObject(task) || typeof task._id !== "string") {
        const has = !isJsonObject(task)
          ? `is not an object but ${inertText(JSON.stringify(task) ?? String(task))}`
          : task._id === undefined
          ? "has none"
          : `has ${inertText(task._id)}`;
        throw refuse(
          `a task without a string \`_id\` (task ${position + 1} of page ${pageNumber} ${has})`,
        );
      }
      const id = task._id;
      if (this.#seen.again(id)) {
        throw refuse(
          `task ${inertText(id)} again on page ${pageNumber}; it came on an earlier page`,
        );
      }
    }
  }
}
