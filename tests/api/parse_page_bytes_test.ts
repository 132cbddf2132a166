import assert from "../_std/assert.ts";
import { parsePageBytes } from "../../lib/api/_parse_page_bytes.ts";

const TEXT = new TextEncoder();

Deno.test("parsePageBytes()", async (t) => {
  await t.step("reads every page shape as JSON.parse reads its text", () => {
    const pages = [
      '{"docs":[{"_id":"t1","name":"a, [b] {c}.jpg","data":{"body":{"mask":"data:x"}}},' +
      '{"_id":"t2","name":"\\"docs\\": [1,2]"}],"totalDocs":2,"hasNextPage":false,"nextPage":null}',
      '\ufeff { "totalDocs" : 3 , "docs" : [ {"_id":"é✓😀"} , [1, {"a": [2]}] , "s,]" , 4 ] ,' +
      ' "hasNextPage" : true }\n',
      '{"docs":[],"totalDocs":0,"hasNextPage":false}',
      '{"docs":[ ],"hasNextPage":false}',
      '{"meta":{"docs":[1]},"docs":[{"x":"\\\\"}],"other":["docs",[]]}',
      '{"nodocs":[1,2],"hasNextPage":false}',
      "[1, 2, 3]",
      '{"docs":{"a":1}}',
    ];
    for (const text of pages) {
      assert.deepEqual(parsePageBytes(TEXT.encode(text)), JSON.parse(text.replace(/^\ufeff/, "")));
    }
  });

  await t.step("hands each element of docs to onDoc as it is parsed, in order", () => {
    const seen: unknown[] = [];
    const page = parsePageBytes(
      TEXT.encode('{"docs":[{"_id":"t1"},{"_id":"t2"}],"hasNextPage":false}'),
      (doc) => seen.push(doc),
    ) as { docs: unknown[] };
    assert.deepEqual(seen, [{ _id: "t1" }, { _id: "t2" }]);
    assert.equal(seen[1], page.docs[1]);
  });

  await t.step("refuses what JSON.parse refuses, with a SyntaxError", () => {
    const bodies = [
      '{"docs":[1,,2]}',
      '{"docs":[1,]}',
      '{"docs":[,1]}',
      '{"docs":[{"a":1}',
      '{"docs":[{"a":1]}',
      '{"docs":[1]',
      '{"docs":[1]} trailing',
      '{"docs":["unterminated]}',
      "<html>502 Bad Gateway</html>",
      "",
    ];
    for (const body of bodies) {
      assert.throws(() => parsePageBytes(TEXT.encode(body)), (error) => {
        assert.ok(error instanceof SyntaxError, `${JSON.stringify(body)}: ${error}`);
        return true;
      });
    }
  });
});
