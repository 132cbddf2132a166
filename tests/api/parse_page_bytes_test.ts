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
      assert.throws(() => parsePageBytes(TEXT.encode(body)), SyntaxError, body);
    }
  });
});
