import { errorWith } from "../_std/error_with.ts";
import assert from "../_std/assert.ts";
import {
  DEFAULT_MAX_PAGE_PARSED_BYTES,
  PageReader,
  type PageText,
  parsePage,
} from "../../lib/api/_page_reader.ts";

const TEXT = new TextEncoder();

/** Reads `body` in chunks of `size` bytes with the given limits. */
function read(
  body: string,
  size = 3,
  limit = 100,
  maxTaskBytes = 1 << 20,
  maxParsedBytes = DEFAULT_MAX_PAGE_PARSED_BYTES,
): PageText {
  const bytes = TEXT.encode(body);
  const reader = new PageReader({
    limit,
    maxTaskBytes,
    maxParsedBytes,
    fail: (what) => new Error(what),
  });
  for (let at = 0; at < bytes.length; at += size) reader.add(bytes.slice(at, at + size));
  return reader.end();
}

/** How many tasks a page read holds. */
function taskCount(text: PageText): number {
  return (parsePage(text) as { docs: unknown[] }).docs.length;
}

/** The message reading `body` fails with. */
function failure(
  body: string,
  limit?: number,
  maxTaskBytes?: number,
  maxParsedBytes?: number,
): string {
  try {
    read(body, 5, limit, maxTaskBytes, maxParsedBytes);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`reading ${JSON.stringify(body)} did not fail`);
}

Deno.test("PageReader reads every page shape as JSON.parse does, for every chunk size", () => {
  const pages = [
    '{"docs":[{"_id":"t1","name":"a, [b] {c}.jpg","data":{"body":{"mask":"data:x"}}},' +
    '{"_id":"t2","name":"\\"docs\\": [1,2]"}],"totalDocs":2,"hasNextPage":false,"nextPage":null}',
    '\ufeff { "totalDocs" : 3 , "docs" : [ {"_id":"é✓😀"} , [1, {"a": [2]}] , "s,]" , 4 ] ,' +
    ' "hasNextPage" : true }\n',
    '{"docs":[],"totalDocs":0,"hasNextPage":false}',
    '{"docs":[ ],"hasNextPage":false}',
    '{"docs":[{"x":"\\\\"}],"limit":1,"d\\u006fcs2":1}',
  ];
  for (const body of pages) {
    const expected = JSON.parse(body.replace(/^\ufeff/, ""));
    delete expected.docs2;
    for (let size = 1; size <= 7; size++) {
      assert.deepEqual(parsePage(read(body, size)), expected, `${body} in chunks of ${size}`);
    }
  }
});

Deno.test("PageReader skips members it does not know, however large, without holding them", () => {
  const huge = "x".repeat(100_000);
  const text = read(
    `{"meta":{"docs":[1],"s":"${huge}"},"docs":[{"_id":"t1"}],"${huge}":[],` +
      `"other":"${huge}","hasNextPage":false}`,
  );
  assert.equal(text.members, '{"hasNextPage":false}');
  assert.deepEqual(parsePage(text), { hasNextPage: false, docs: [{ _id: "t1" }] });
});

Deno.test("parsePage() hands each task to onDoc as it is parsed, in order", () => {
  const seen: unknown[] = [];
  const page = parsePage(
    read('{"docs":[{"_id":"t1"},{"_id":"t2"}],"hasNextPage":false}'),
    (doc) => seen.push(doc),
  ) as { docs: unknown[] };
  assert.deepEqual(seen, [{ _id: "t1" }, { _id: "t2" }]);
  assert.equal(seen[1], page.docs[1]);
});

Deno.test("PageReader refuses a task past the page size asked as soon as it starts, before its end", () => {
  const reader = new PageReader({
    limit: 1,
    maxTaskBytes: 1 << 20,
    maxParsedBytes: DEFAULT_MAX_PAGE_PARSED_BYTES,
    fail: (what) => new Error(what),
  });
  reader.add(TEXT.encode('{"docs":[{"_id":"t1"}'));
  // The body goes on with a second task, still open at the chunk's end: refused there.
  assert.throws(
    () => reader.add(TEXT.encode(`,{"_id":"t2","name":"${"x".repeat(1000)}`)),
    errorWith(Error, "a page of more than the 1 tasks asked (task 2 is one too many)"),
  );
});

Deno.test("PageReader refuses a page with more tasks than asked, a task too large, a member too long", () => {
  assert.equal(
    failure('{"docs":[{},{},{}],"hasNextPage":false}', 2),
    "a page of more than the 2 tasks asked (task 3 is one too many)",
  );
  assert.equal(
    failure('{"docs":[{"a":"0123456789"}],"hasNextPage":false}', 100, 10),
    "task 1 of the page larger than 10 bytes, the limit per task (maxTaskBytes)",
  );
  assert.equal(
    failure(`{"docs":[],"totalDocs":"${"9".repeat(2000)}"}`),
    'a member "totalDocs" longer than 1024 bytes',
  );
});

Deno.test("PageReader refuses what is not a task page, naming the byte", () => {
  const bodies: [string, RegExp][] = [
    ['{"docs":[1,,2]}', /^a body that has a malformed element 2 \(at byte 11\)/],
    ['{"docs":[1,]}', /malformed element 2 \(at byte 11\)/],
    ['{"docs":[{"a":1]}', /"\]" at byte 15 where "\}" should close/],
    ['{"docs":[1]', /ends at byte 11, before its object is closed: the answer is cut short$/],
    ['{"docs":[1]} trailing', /has "t" after its object, at byte 13/],
    ['{"docs":["unterminated]}', /ends at byte 24/],
    ["<html>502 Bad Gateway</html>", /is not a JSON object: byte 0 is "<" where "\{" should open/],
    ["[1, 2]", /byte 0 is "\[" where "\{" should open it/],
    ["", /^a body that is empty \(0 bytes\)/],
    ['{"docs":[],"docs":[]}', /a second "docs" array at byte 18/],
    ['{"docs" 1}', /"1" at byte 8 is out of place/],
    [`{"docs":[${"[".repeat(600)}`, /nests deeper than 512 levels at byte 519/],
  ];
  for (const [body, message] of bodies) assert.match(failure(body), message, body);
});

Deno.test("PageReader refuses a page whose tasks would cost more than maxParsedBytes once parsed", () => {
  const refused = (task: number, limit: number) =>
    `a page whose tasks would take more than ${limit} bytes of memory once parsed, as estimated ` +
    `from their text (past that limit in task ${task}), the limit per page (maxPageParsedBytes)`;
  // By the documented estimate: a byte per byte of text, 3 more per byte of string (its quotes
  // included), 320 per `{` or `[`, 160 per member, 224 per further value. `{"a":[{},{}]}`:
  // 13 + 3 × 3 + 4 × 320 + 160 + 224 = 1686.
  const packed = '{"docs":[{"a":[{},{}]}],"hasNextPage":false}';
  assert.equal(taskCount(read(packed, 5, 100, 1 << 20, 1686)), 1);
  assert.equal(failure(packed, 100, 1 << 20, 1685), refused(1, 1685));
  // `{}` (2 + 320), then `{"a":[0,0]}` (11 + 3 × 3 + 2 × 320 + 160 + 224): 1366 in all.
  const second = '{"docs":[{},{"a":[0,0]}],"hasNextPage":false}';
  assert.equal(taskCount(read(second, 5, 100, 1 << 20, 1366)), 2);
  assert.equal(failure(second, 100, 1 << 20, 1365), refused(2, 1365));
  // A string costs 4 times its bytes (held as bytes, as decoded text and as parsed, one of them
  // freed late): 48 here, quotes included.
  const text = '{"docs":["0123456789"],"hasNextPage":false}';
  assert.equal(taskCount(read(text, 5, 100, 1 << 20, 48)), 1);
  assert.equal(failure(text, 100, 1 << 20, 47), refused(1, 47));
  // What is skipped costs nothing, however packed.
  const skipped = `{"meta":[${"{},".repeat(1000)}{}],"docs":[],"hasNextPage":false}`;
  assert.equal(taskCount(read(skipped, 5, 100, 1 << 20, 1)), 0);
});

Deno.test("a heavy real page is well within the default maxPageParsedBytes", () => {
  // 100 tasks, each a 200 KB mask and 20 polygons of 100 vertices: 22 MB of text and 400,000
  // numbers, far more than a real page (about a megabyte for 100 masks).
  const mask = `data:image/png;base64,${"iVBORw0KGgo".repeat(200_000 / 11)}`;
  const vertices = Array.from({ length: 200 }, (_, i) => (i * 1.37).toFixed(2)).join(",");
  const annotation = (i: number) =>
    `{"id":"a${i}","labels":{"Objects":{"labels":[{"id":"car","name":"Car"}]}},` +
    `"polygons":[{"geometry":{"vertices":[${vertices}]}}]}`;
  const annotations = Array.from({ length: 20 }, (_, i) => annotation(i)).join(",");
  const task = (i: number) =>
    `{"_id":"t${i}","name":"frames/${i}.jpg","projectId":"p1","status":"complete",` +
    `"data":{"type":"default","body":{"image":{"width":1920,"height":1080},` +
    `"mask":"${mask}","annotations":[${annotations}]}}}`;
  const body = `{"docs":[${Array.from({ length: 100 }, (_, i) => task(i)).join(",")}],` +
    `"totalDocs":100,"hasNextPage":false}`;
  assert.ok(body.length > 20_000_000, `${body.length} bytes`);
  const page = parsePage(read(body, 65_536)) as { docs: { _id: string }[] };
  assert.equal(page.docs.length, 100);
  assert.equal(page.docs[99]._id, "t99");
});
