/**
 * Pages built to exhaust memory: each walk must end with an error naming the page, in a process
 * that stays under 500 MB. The bodies are generated as streams; no test holds one.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { labBasics, serveHostile } from "./_hostile_server.ts";

const MB = 1024 * 1024;
const LIMIT_BYTES = 500 * MB;
const TEXT = new TextEncoder();
const TASK = '{"_id":"t1","name":"a.jpg","status":"complete"}';

/** A stream of the given parts, each made when it is read. */
function streamOf(parts: Iterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const { value, done } = parts.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  }, { highWaterMark: 0 });
}

/** `filler` repeated to 1 MiB (a little more), `times` times (for ever: `Infinity`). */
function* blocks(filler: string, times: number): Generator<Uint8Array> {
  const block = TEXT.encode(filler.repeat(Math.ceil(MB / filler.length)));
  for (let sent = 0; sent < times; sent++) yield block.slice();
}

/** A body of `head`, then `filler` (1 MiB of one byte) `times` times (for ever: `Infinity`), then `tail`. */
function bodyOf(
  head: string,
  filler: string,
  times: number,
  tail = "",
): ReadableStream<Uint8Array> {
  return streamOf(function* () {
    yield TEXT.encode(head);
    yield* blocks(filler, times);
    yield TEXT.encode(tail);
  }());
}

/** The page asked, and its size. */
interface Asked {
  page: number;
  limit: number;
}

/**
 * Page `page` of `limit` tasks of a project of `count` tasks, as a lab pages them: each task a
 * head, `filler` repeated to `mib` MiB (each task under `maxTaskBytes`, 32 MiB, unless a case says), then `tail`.
 */
function tasksOf(
  count: number,
  mib: number,
  task: { head: string; filler: string; tail: string },
  { page, limit }: Asked,
): ReadableStream<Uint8Array> {
  const first = (page - 1) * limit + 1;
  const last = Math.min(count, page * limit);
  return streamOf(function* () {
    yield TEXT.encode('{"docs":[');
    for (let i = first; i <= last; i++) {
      yield TEXT.encode(`${i > first ? "," : ""}{"_id":"t${i}","projectId":"p1",${task.head}`);
      yield* blocks(task.filler, mib);
      yield TEXT.encode(task.tail);
    }
    yield TEXT.encode(`],"totalDocs":${count},"hasNextPage":${last < count}}`);
  }());
}

// A task past the bound on what a page's tasks cost once parsed (192 MiB by default) alone, in
// a page of one task: the pages asked before it (of 100, 50, 25, 5 tasks) were past it too.
const ALONE = new RegExp(
  String.raw`page=1&limit=1 with task 1 of the tasks asked, which alone would take more than ` +
    String.raw`201326592 bytes of memory once parsed, .*, options\.maxPageParsedBytes, `,
);

const PAGES: Record<
  string,
  { body: (asked: Asked) => ReadableStream<Uint8Array>; gzip?: boolean; error?: RegExp }
> = {
  // 500 MiB of `,{}` that gzip makes about 510 KB.
  "a gzip bomb": {
    body: () => bodyOf(`{"docs":[${TASK}`, ",{}", 500, '],"totalDocs":1,"hasNextPage":false}'),
    gzip: true,
    error: /with a compressed body \(Content-Encoding gzip\) though none was asked/,
  },
  // The same tasks, as a runtime that inflates the body anyway would see them.
  "500 MiB of `,{}` in docs": {
    body: () => bodyOf(`{"docs":[${TASK}`, ",{}", 500, '],"totalDocs":1,"hasNextPage":false}'),
    error: /with a page of more than the 100 tasks asked \(task 101 is one too many\)/,
  },
  "a 500 MiB string in an unknown member": {
    body: () => bodyOf('{"junk":"', "x", 500, '","docs":[],"hasNextPage":false}'),
    error: /with a page without a `totalDocs`: check/,
  },
  "an endless body": {
    body: () => bodyOf('{"junk":"', "x", Infinity),
    error: /is larger than the limit of 536870912 bytes \(maxResponseBytes\)/,
  },
  "an endless task": {
    body: () => bodyOf(`{"docs":[{"_id":"t1","name":"`, "x", Infinity),
    error: /with task 1 of the page larger than 33554432 bytes, the limit per task/,
  },
  // 8 tasks of 31 MiB: within the body limit (512 MiB) and the task limit (32 MiB), but over
  // 20 GB once parsed.
  "248 MiB of tasks packed with `{}`": {
    body: (asked) => tasksOf(8, 31, { head: '"data":[{}', filler: ",{}", tail: "]}" }, asked),
    error: ALONE,
  },
  "248 MiB of tasks packed with `0`": {
    body: (asked) => tasksOf(8, 31, { head: '"data":[0', filler: ",0", tail: "]}" }, asked),
    error: ALONE,
  },
  // 248 MiB of tasks just within `maxTaskBytes`, each estimated at 4 bytes per byte of string
  // (124 MiB): past the bound in task 2 in pages of 100, 50, 25 and 5 tasks; walked a task a
  // page (1 is the largest size that divides 5 and is at most its half).
  "248 MiB of tasks holding long strings": {
    body: (asked) => tasksOf(8, 31, { head: '"name":"', filler: "x", tail: '"}' }, asked),
  },
  // The same, from a lab that sends them all whatever the page size asked.
  "248 MiB of tasks holding long strings, whatever the page size asked": {
    body: () =>
      tasksOf(8, 31, { head: '"name":"', filler: "x", tail: '"}' }, { page: 1, limit: 100 }),
    error: /with a page of more than the 1 tasks asked \(task 2 is one too many\)/,
  },
  // Tasks over `maxTaskBytes` (32 MiB by default): refused as the first one is read.
  "3 × 62 MiB strings in one page": {
    body: (asked) => tasksOf(3, 62, { head: '"name":"', filler: "x", tail: '"}' }, asked),
    error:
      /with task 1 of the page larger than 33554432 bytes, the limit per task, options\.maxTaskBytes: raise it/,
  },
  // Two tasks of one string each, 161 bytes short of `maxTaskBytes`: estimated at 128 MiB each,
  // walked a task a page.
  "string tasks just within maxTaskBytes": {
    body: (asked) =>
      tasksOf(2, 31, { head: '"name":"', filler: "x", tail: `${"x".repeat(MB - 200)}"}` }, asked),
  },
  // The most string text a page may hold: 2 × 23 MiB, 95.8% of the bound, in one page.
  "a page of strings just within maxPageParsedBytes": {
    body: (asked) => tasksOf(2, 23, { head: '"name":"', filler: "x", tail: '"}' }, asked),
  },
  // Just within the bound (99.3% of it by the documented estimate: text + 320 per `{` or `[` +
  // 160 per member + 224 per comma), with a `1.0` whose text the parse keeps, its costliest way:
  // 365,478 `{}`, 1 MiB of text.
  "a task packed with `{}` just within maxPageParsedBytes": {
    body: (asked) =>
      tasksOf(
        1,
        1,
        { head: '"data":[1.0,{}', filler: ",{}", tail: `${",{}".repeat(15_949)}]}` },
        asked,
      ),
  },
  // 363,484 `[1.0]`, 2 MiB of text, 99.3% of the bound.
  "a task packed with `[1.0]` just within maxPageParsedBytes": {
    body: (asked) =>
      tasksOf(1, 2, {
        head: '"data":[[1.0]',
        filler: ",[1.0]",
        tail: `${",[1.0]".repeat(13_956)}]}`,
      }, asked),
  },
};

/**
 * Runs the page walk in a child process; returns the error it ended with and its peak resident
 * memory (Linux `VmHWM`), read while it waits to end.
 */
async function walk(endpoint: string): Promise<{ message: string; peakBytes: number }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      // A regression crashes the child rather than the machine.
      "--v8-flags=--max-old-space-size=600",
      new URL("./_page_walk_child.ts", import.meta.url).pathname,
      endpoint,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let line = "";
  while (!line.includes("\n")) {
    const { value, done } = await lines.read();
    if (done) break;
    line += value;
  }
  let peakBytes = NaN;
  try {
    // Read by `cat`: Deno lets only --allow-all read /proc.
    const read = await new Deno.Command("cat", { args: [`/proc/${child.pid}/status`] }).output();
    const status = new TextDecoder().decode(read.stdout);
    peakBytes = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
  } finally {
    await child.stdin.close();
    await lines.cancel();
  }
  const { code } = await child.status;
  assert.equal(code, 0, (await stderr).slice(-2000));
  return { message: JSON.parse(line).message, peakBytes };
}

for (const [name, page] of Object.entries(PAGES)) {
  Deno.test({
    name: `a hostile page ${
      page.error ? "ends the walk with an error naming it" : "is walked"
    }, under 500 MB: ${name}`,
    ignore: Deno.build.os !== "linux",
    async fn() {
      await using lab = serveHostile((request, path) => {
        const basics = labBasics(path);
        if (basics) return basics;
        const query = new URL(request.url).searchParams;
        const body = page.body({
          page: Number(query.get("page")),
          limit: Number(query.get("limit")),
        });
        return page.gzip
          ? new Response(
            body.pipeThrough(
              new CompressionStream("gzip") as ReadableWritablePair<Uint8Array, Uint8Array>,
            ),
            {
              headers: { "content-type": "application/json", "content-encoding": "gzip" },
            },
          )
          : new Response(body, { headers: { "content-type": "application/json" } });
      });
      const { message, peakBytes } = await withDeadline(walk(lab.url), 120_000, `walk of ${name}`);
      console.log(name, Math.round(peakBytes / MB));
      assert.ok(peakBytes < LIMIT_BYTES, `peak ${Math.round(peakBytes / MB)} MiB: ${message}`);
      if (page.error === undefined) {
        assert.equal(message, "the walk ended without an error");
        return;
      }
      assert.match(
        message,
        /^ApiError: The lab('s answer to| answered) GET api\/task-manager\/tasks\?/,
      );
      assert.match(message, /page=1/);
      assert.match(message, page.error);
    },
  });
}
