import assert from "../_std/assert.ts";
import { PageReader, type PageText, parsePage } from "../../lib/api/_page_reader.ts";

const TEXT = new TextEncoder();

/** Reads `body` in chunks of `size` bytes with the given limits. */
function read(body: string, size = 3, limit = 100, maxTaskBytes = 1 << 20): PageText {
  const bytes = TEXT.encode(body);
  const reader = new PageReader({ limit, maxTaskBytes, fail: (what) => new Error(what) });
  for (let at = 0; at < bytes.length; at += size) reader.add(bytes.slice(at, at + size));
  return reader.end();
}

/** The message reading `body` fails with. */
function failure(body: string, limit?: number, maxTaskBytes?: number): string {
  try {
    read(body, 5, limit, maxTaskBytes);
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
