import assert from "../_std/assert.ts";
import { ConfigError } from "../../lib/errors.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { FIRST, OLD, run, tasksOf } from "./_pinned_projects.ts";

Deno.test("labelmapFrom refuses a hostile class map by name, before any request", async () => {
  await using dir = await tempDir();
  const file = `${dir.path}/labelmap.json`;
  const entry = (id: unknown, index: unknown, colour: unknown = [1, 2, 3]) => ({
    id,
    index,
    colour,
  });
  const cases: [string, RegExp][] = [
    ["{not json", /it is not JSON/],
    ["[1, 2]", /it is not a JSON object/],
    ['{"classes": 3}', /it has no "classes" list/],
    [
      JSON.stringify({ classes: [entry("a", 1), entry("b", 1)] }),
      /index 1 is given to both "a" and "b"/,
    ],
    [JSON.stringify({ classes: [entry("a", 1), entry("a", 2)] }), /label "a" is listed twice/],
    [JSON.stringify({ classes: [entry("a", "1")] }), /entry 1 \(label "a"\) has index "1"/],
    [JSON.stringify({ classes: [entry(7, 1)] }), /entry 1 has no string id/],
    [JSON.stringify({ classes: [entry("a", 1, [1, 2])] }), /has colour \[1,2\], not three numbers/],
    [
      JSON.stringify({ classes: [entry("a", 300)] }),
      /has index 300, not a whole number from 1 to 254/,
    ],
    [JSON.stringify({ ignoreIndex: 2, classes: [entry("a", 2)] }), /not below the ignore index 2/],
    [JSON.stringify({ classes: [{ id: "a", colour: [1, 2, 3] }] }), /\(label "a"\) has no index,/],
    [JSON.stringify({ classes: [{ id: "a", index: 1 }] }), /\(label "a"\) has no colour,/],
  ];
  for (const [text, why] of cases) {
    await Deno.writeTextFile(file, text);
    const { error, requests } = await run(FIRST, tasksOf(OLD), {
      outputFolder: dir.path,
      outputFilename: "out",
      maskFormat: "class-index",
      labelmapFrom: file,
    });
    assert.ok(error instanceof ConfigError && error.setting === "labelmapFrom", text);
    assert.ok(error.message.startsWith(`The class map "${file}" cannot be used: `), error.message);
    assert.match(error.message, why);
    assert.equal(requests.filter((request) => request.path.endsWith("/tasks")).length, 0);
  }
  await Deno.writeFile(file, new Uint8Array([0x7b, 0xff, 0x7d]));
  const { error } = await run(FIRST, [], {
    outputFolder: dir.path,
    labelmapFrom: file,
    maskFormat: "class-index",
  });
  assert.ok(error instanceof ConfigError);
  assert.equal(error.message.split(":")[0], `The class map "${file}" cannot be read`);
  assert.match(error.message, /it is not UTF-8 text/);
  await Deno.mkdir(`${dir.path}/empty/labelmap.json`, { recursive: true });
  const folderAsFile = await run(FIRST, [], {
    outputFolder: dir.path,
    labelmapFrom: `${dir.path}/empty`,
  });
  assert.ok(folderAsFile.error instanceof ConfigError);
  assert.match(
    folderAsFile.error.message,
    /empty\/labelmap\.json" cannot be read: it is not a regular file/,
  );
  await Deno.mkdir(`${dir.path}/none`);
  const noMap = await run(FIRST, [], { outputFolder: dir.path, labelmapFrom: `${dir.path}/none` });
  assert.ok(noMap.error instanceof ConfigError);
  assert.match(noMap.error.message, /none\/labelmap\.json" cannot be read: the folder has none/);
  const missing = await run(FIRST, [], {
    outputFolder: dir.path,
    labelmapFrom: `${dir.path}/nowhere`,
  });
  assert.ok(missing.error instanceof ConfigError);
  assert.match(missing.error.message, /nowhere" cannot be read: it does not exist/);
  // A file on the way: nothing is there either (not the system's "NotADirectory: …").
  await Deno.writeTextFile(`${dir.path}/notes.txt`, "");
  const belowFile = await run(FIRST, [], {
    outputFolder: dir.path,
    labelmapFrom: `${dir.path}/notes.txt/labelmap.json`,
  });
  assert.ok(belowFile.error instanceof ConfigError);
  assert.match(
    belowFile.error.message,
    /notes\.txt\/labelmap\.json" cannot be read: it does not exist;/,
  );
});

Deno.test("allowRemovedLabels without a class map, and labelmapFrom with format lab, are refused", async () => {
  await using dir = await tempDir();
  const alone = await run(FIRST, tasksOf(OLD), {
    outputFolder: dir.path,
    allowRemovedLabels: true,
  });
  assert.ok(alone.error instanceof ConfigError && alone.error.setting === "allowRemovedLabels");
  assert.match(
    alone.error.message,
    /options\.allowRemovedLabels has no effect without options\.labelmapFrom/,
  );
  const lab = await run(FIRST, tasksOf(OLD), {
    outputFolder: dir.path,
    format: "lab",
    labelmapFrom: dir.path,
  });
  assert.ok(lab.error instanceof ConfigError && lab.error.setting === "labelmapFrom");
  assert.match(lab.error.message, /options\.format lab has none/);
  assert.equal(alone.requests.length + lab.requests.length, 0, "no request");
  assert.deepEqual(await listFiles(dir.path), []);
});

Deno.test("an incremental run refuses its own class map when it is a link, before any task request", async () => {
  await using dir = await tempDir();
  const options = { maskFormat: "class-index" as const };
  await run(FIRST, tasksOf(OLD), { ...options, outputFolder: dir.path, outputFilename: "out" });
  await Deno.rename(`${dir.path}/out/labelmap.json`, `${dir.path}/elsewhere.json`);
  await Deno.symlink(`${dir.path}/elsewhere.json`, `${dir.path}/out/labelmap.json`);
  const { error, requests } = await run(FIRST, tasksOf(OLD), {
    ...options,
    incremental: `${dir.path}/out`,
  });
  assert.ok(error instanceof Error && error.name === "UnsafePathError", String(error));
  assert.match(error.message, /labelmap\.json/);
  assert.equal(requests.filter((request) => request.path.endsWith("/tasks")).length, 0);
});
