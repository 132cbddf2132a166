/**
 * How many bytes of tasks the pages asked ahead may hold, by the last page's size: pages of
 * large masks are never asked more than one ahead, whatever the caller wants.
 */
const AHEAD_BYTES = 16 * 1024 * 1024;

/** A page asked: its number, its size, and its answer to come. */
export interface PageRequest {
  /** The page's number, from 1, in pages of `limit` tasks. */
  page: number;
  /** How many tasks a page holds. */
  limit: number;
}

/**
 * The task pages a walk has asked and not taken yet, in page order: the next one alone as a rule,
 * a few more when the caller wants pages ahead (its coming tasks cost it little). A page asked
 * ahead is taken only when the walk comes to it with the same size; otherwise it and those after
 * it are dropped, and the page the walk wants is asked then, so the walk's pages and their order
 * are the ones it would ask one at a time.
 *
 * @example
 * ```ts
 * import { PageRequests } from "./_page_requests.ts";
 *
 * const asked: number[] = [];
 * const requests = new PageRequests((page, limit) => (asked.push(page), { page, limit }));
 * requests.take(1, 100);
 * requests.askAhead(1, 100, { pages: 3, pageBytes: 100_000, totalDocs: 1_000 });
 * requests.take(2, 100);
 * console.log(asked); // [1, 2, 3, 4]: page 2 was asked ahead
 * ```
 */
export class PageRequests<T extends PageRequest> {
  #request: (page: number, limit: number) => T;
  #asked: T[] = [];

  /** @param request Asks page `page` of `limit` tasks. */
  constructor(request: (page: number, limit: number) => T) {
    this.#request = request;
  }

  /**
   * Page `page` of `limit` tasks: the one asked ahead, else asked now (and those asked ahead are
   * dropped).
   */
  take(page: number, limit: number): T {
    const first = this.#asked.shift();
    if (first !== undefined && first.page === page && first.limit === limit) return first;
    this.#asked = [];
    return this.#request(page, limit);
  }

  /**
   * Asks the pages after `page` (the one just taken) until `pages` are asked and not taken, none
   * past the project's last task, and no more than {@linkcode AHEAD_BYTES} allows for pages of
   * `pageBytes`.
   *
   * @param page The page just taken.
   * @param limit Its size.
   * @param wanted How many pages to keep asked, the page bytes of the last page taken, and how
   * many tasks the project has.
   */
  askAhead(
    page: number,
    limit: number,
    wanted: { pages: number; pageBytes: number; totalDocs: number },
  ): void {
    const pages = Math.min(wanted.pages, Math.floor(AHEAD_BYTES / Math.max(1, wanted.pageBytes)));
    let last = this.#asked.at(-1)?.page ?? page;
    while (this.#asked.length < pages && last * limit < wanted.totalDocs) {
      this.#asked.push(this.#request(++last, limit));
    }
  }

  /** Drops the pages asked ahead (the walk goes on in pages of another size). */
  clear(): void {
    this.#asked = [];
  }
}
