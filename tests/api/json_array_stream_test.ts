import assert from "../_std/assert.ts";
import { ConfigError } from "../../lib/errors.ts";
import { jsonArrayItems, readJsonFile } from "../../lib/api/json_array_stream.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";

const encoder = new TextEncoder();

/** A stream of `bytes` cut into chunks of `size` bytes (the last one shorter). */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.slice(at, at + size));
  return ReadableStream.from(chunks);
}

/** A stream of `bytes` cut at the given offsets. */
function cutAt(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const ends = [...cuts, bytes.length];
  return ReadableStream.from(ends.map((end, i) => bytes.slice(i === 0 ? 0 : ends[i - 1], end)));
}

async function itemsOf(stream: ReadableStream<Uint8Array>, maxItemBytes?: number) {
  const items: unknown[] = [];
  for await (const item of jsonArrayItems(stream, { source: "export.json", maxItemBytes })) {
    items.push(item);
  }
  return items;
}

/** The ConfigError reading `text` fails with. */
async function errorOf(text: string | Uint8Array, maxItemBytes?: number): Promise<ConfigError> {
  const bytes = typeof text === "string" ? encoder.encode(text) : text;
  try {
    await itemsOf(chunked(bytes, 3), maxItemBytes);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.setting, "exportFile");
    assert.match(error.message, /^The JSON export "export\.json" /);
    return error;
  }
  throw new Error(`reading ${JSON.stringify(text)} did not fail`);
}

const TRICKY = `\uFEFF [
  {"_id": "t1", "name": "a]b,c", "data": {"annotations": [[1, [2, {"x": "}"}]], []]}},
  "quote \\" and backslash \\\\",
  "ends with a backslash \\\\", "\\\\\\"", "[{,}]",
  -1.5e3, true, false, null, {}, [], [[]], "",
  {"name": "caf\u00e9 \ud83d\ude42 \\u00e9\\ud83d\\ude42", "nested": {"a": [{"b": [{"c": "]]}}"}]}]}}
]
`;

Deno.test("jsonArrayItems() yields the same elements for every chunk size from 1 to 17", async () => {
  const bytes = encoder.encode(TRICKY);
  const expected = JSON.parse(TRICKY.slice(1));
  assert.equal(expected.length, 14);
  for (let size = 1; size <= 17; size++) {
    assert.deepEqual(await itemsOf(chunked(bytes, size)), expected, `chunks of ${size} bytes`);
  }
  assert.deepEqual(await itemsOf(ReadableStream.from([bytes])), expected);
});

Deno.test("jsonArrayItems() decodes multi-byte characters split at every byte", async () => {
  const text = '["é🙂", {"name": "café 🙂.jpg"}, "🙂🙂", "x"]';
  const bytes = encoder.encode(text);
  for (let cut = 1; cut < bytes.length; cut++) {
    assert.deepEqual(await itemsOf(cutAt(bytes, [cut])), JSON.parse(text), `cut at ${cut}`);
    if (cut + 2 < bytes.length) {
      const cuts = [cut, cut + 1, cut + 2];
      assert.deepEqual(await itemsOf(cutAt(bytes, cuts)), JSON.parse(text), `cuts at ${cuts}`);
    }
  }
});

Deno.test("jsonArrayItems() reads strings holding brackets, commas, quotes and backslashes", async () => {
  const values = ["]", ",", "[", "{", "}", '"', "\\", '\\"', '"]', "\\\\]", "a,]}b"];
  const text = JSON.stringify(values.map((value) => ({ value, list: [value] })));
  for (const size of [1, 2, 5]) {
    const items = await itemsOf(chunked(encoder.encode(text), size));
    assert.deepEqual(items, values.map((value) => ({ value, list: [value] })));
  }
});

Deno.test("jsonArrayItems() reads an empty array and whitespace around everything", async () => {
  for (const text of ["[]", "[ ]", " \n\t[\r\n]\n", "\uFEFF[]"]) {
    assert.deepEqual(await itemsOf(chunked(encoder.encode(text), 1)), [], JSON.stringify(text));
  }
  assert.deepEqual(await itemsOf(chunked(encoder.encode("\n[ 1 ,\n2\t, 3 ]\n\n"), 2)), [1, 2, 3]);
  assert.deepEqual(
    await itemsOf(ReadableStream.from<Uint8Array>([])).catch((e) => e.message),
    [
      'The JSON export "export.json" is empty (0 bytes); it must hold a JSON array of task documents.',
    ][0],
  );
});

Deno.test("jsonArrayItems() reads elements nested up to the depth limit", async () => {
  const depth = 500;
  const deep = "[".repeat(depth) + '"]"' + "]".repeat(depth);
  const object = '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
  const text = `[${deep}, ${object}, 7]`;
  const items = await itemsOf(chunked(encoder.encode(text), 7));
  assert.equal(items.length, 3);
  // deepEqual recurses too deep for these; compare their JSON text instead.
  assert.equal(JSON.stringify(items), JSON.stringify(JSON.parse(text)));
});

Deno.test("jsonArrayItems() refuses 150 MB of [ at the depth limit, naming the offset", async () => {
  const chunk = new Uint8Array(1024 * 1024).fill(0x5b);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (++pulled > 150) controller.close();
      else controller.enqueue(chunk);
    },
  });
  const error = await itemsOf(stream).then(() => undefined, (error) => error);
  assert.ok(error instanceof ConfigError, String(error));
  assert.equal(
    error.message,
    'The JSON export "export.json" nests deeper than 512 levels at byte 512; ' +
      "fix or export the file again.",
  );
  // Refused at once: the rest of the 150 MB is never read.
  assert.ok(pulled <= 3, `${pulled} chunks read`);
});

Deno.test("jsonArrayItems() rejects text that is not an array, naming the byte", async () => {
  assert.equal(
    (await errorOf('  {"_id": "t1"}')).message,
    'The JSON export "export.json" is not a JSON array: byte 2 is "{" where "[" should open it; ' +
      `give the SDK's format="lab" export or a JSON array of task documents.`,
  );
  assert.match((await errorOf("\uFEFF42")).message, /byte 3 is "4"/);
  assert.match((await errorOf(new Uint8Array([0xef, 0x5b]))).message, /byte 1 is "\["/);
  assert.match((await errorOf("   ")).message, /is empty \(3 bytes\)/);
});

Deno.test("jsonArrayItems() rejects truncated input, naming where it ends", async () => {
  assert.equal(
    (await errorOf('[{"a": 1}, {"b": [2')).message,
    'The JSON export "export.json" ends at byte 19, inside element 2 (from byte 11): ' +
      "the file is truncated; export it again.",
  );
  assert.match(
    (await errorOf('[1, "abc]')).message,
    /ends at byte 9, inside element 2 \(from byte 4\)/,
  );
  assert.match((await errorOf("[1, 2,\n")).message, /ends at byte 7, before its array is closed/);
  assert.match((await errorOf("[")).message, /ends at byte 1, before its array is closed/);
});

Deno.test("jsonArrayItems() rejects malformed elements naming where they break, not their text", async () => {
  const error = await errorOf('[1, {"a": trux, "token": "ghp_Secret"}, 3]');
  assert.equal(
    error.message,
    'The JSON export "export.json" has a malformed element 2 (from byte 4): it stops being JSON ' +
      "at line 1, column 10 of it; fix or export the file again.",
  );
  assert.match((await errorOf("[1,,2]")).message, /malformed element 2 \(at byte 3\): "," where a/);
  assert.match((await errorOf("[1, ]")).message, /malformed element 2 \(at byte 4\): "\]" where/);
  assert.match((await errorOf("[1 2]")).message, /malformed element 1 \(from byte 1\)/);
  assert.match(
    (await errorOf('[{"a": [1}]')).message,
    /malformed element 1 \(from byte 1\): "}" at byte 9 where "]" should close; fix/,
  );
  assert.match((await errorOf("[1] 2")).message, /has "2" after its array, at byte 4/);
  assert.match(
    (await errorOf(new Uint8Array([0x5b, 0x22, 0xff, 0x22, 0x5d]))).message,
    /element 1 \(from byte 1\) that is not valid UTF-8/,
  );
});

Deno.test("jsonArrayItems() yields the elements before a failure", async () => {
  const seen: unknown[] = [];
  await assert.rejects(async () => {
    for await (const item of jsonArrayItems(chunked(encoder.encode("[1, 2, x]"), 2))) {
      seen.push(item);
    }
  }, /^ConfigError: The JSON export has a malformed element 3 \(from byte 7\)/);
  assert.deepEqual(seen, [1, 2]);
});

Deno.test("jsonArrayItems() rejects an element larger than maxItemBytes", async () => {
  const text = `[${JSON.stringify("x".repeat(50))}, ${JSON.stringify("y".repeat(200))}]`;
  assert.deepEqual(await itemsOf(chunked(encoder.encode(text), 16), 202), [
    "x".repeat(50),
    "y".repeat(200),
  ]);
  assert.equal(
    (await errorOf(text, 201)).message,
    'The JSON export "export.json" has an element (number 2, from byte 55) larger than 201 bytes, ' +
      "the limit per element; raise maxItemBytes or split the export.",
  );
});

Deno.test("jsonArrayItems() cancels the stream when the loop stops early", async () => {
  let cancelled = false;
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(encoder.encode(pulls++ === 0 ? "[1" : ",1"));
    },
    cancel() {
      cancelled = true;
    },
  });
  for await (const item of jsonArrayItems(stream)) {
    assert.equal(item, 1);
    break;
  }
  assert.ok(cancelled);
});

Deno.test("jsonArrayItems() streams 200 MB with memory bounded by the largest element", async () => {
  const count = 2000;
  const filler = "x".repeat(100_000);
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      // One element per pull, cut in uneven chunks so elements span chunk boundaries.
      if (next === count) {
        controller.enqueue(encoder.encode("]\n"));
        controller.close();
        return;
      }
      const element = `${next === 0 ? "[" : ","}{"_id": "t${next}", "data": "${filler}"}`;
      const bytes = encoder.encode(element);
      for (let at = 0; at < bytes.length; at += 40_000) {
        controller.enqueue(bytes.subarray(at, at + 40_000));
      }
      next++;
    },
  }, { highWaterMark: 0 });
  // The baseline is taken after 100 elements, once the runtime has sized its heap for this
  // work; holding the text (or all the elements) would add hundreds of MB after it.
  let before = Infinity;
  let peak = 0;
  let seen = 0;
  for await (const item of jsonArrayItems(stream)) {
    assert.equal((item as { _id: string })._id, `t${seen}`);
    seen++;
    if (seen === 100) before = Deno.memoryUsage().rss;
    if (seen % 50 === 0) peak = Math.max(peak, Deno.memoryUsage().rss);
  }
  assert.equal(seen, count);
  const growth = peak - before;
  assert.ok(growth < 60 * 1024 * 1024, `rss grew by ${Math.round(growth / 1024 / 1024)} MB`);
});

Deno.test("readJsonFile() parses a JSON file, with or without a BOM", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(`${dir.path}/c.json`, '\uFEFF{"projectId": "p1"}\n');
  assert.deepEqual(await readJsonFile(`${dir.path}/c.json`, "config"), { projectId: "p1" });
});

Deno.test("readJsonFile() names the path and setting when it cannot read or parse", async () => {
  await using dir = await tempDir();
  const missing = `${dir.path}/missing.json`;
  const notFound = await readJsonFile(missing, "configFile").catch((error) => error);
  assert.ok(notFound instanceof ConfigError);
  assert.equal(notFound.setting, "configFile");
  assert.match(
    notFound.message,
    /^The file ".*missing\.json" given with options\.configFile cannot be read: /,
  );
  await Deno.writeTextFile(`${dir.path}/bad.json`, '{"projectId": ');
  const bad = await readJsonFile(`${dir.path}/bad.json`, "configFile").catch((error) => error);
  assert.ok(bad instanceof ConfigError);
  assert.match(
    bad.message,
    /^The file ".*bad\.json" given with options\.configFile is not valid JSON: .+; fix/,
  );
});
