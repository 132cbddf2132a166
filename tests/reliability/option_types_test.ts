/**
 * The library's options as a JavaScript caller, a JSON file or the environment may give them: a
 * value of the wrong type or out of range is refused by name before any request or file, never
 * taken as truthy or failing deep inside.
 */
import assert from "../_std/assert.ts";
import { join } from "../../lib/_std/path.ts";
import { errorWith } from "../_std/error_with.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { exportFormat } from "../../lib/export/export_format.ts";
import { maskFiles } from "../../lib/export/mask_files.ts";
import { convertMask } from "../../lib/export/convert_mask.ts";
import { verifyExport } from "../../lib/dataset/verify_export.ts";
import { LabClient } from "../../lib/api/lab_client.ts";
import { ExportFileSource } from "../../lib/api/export_file_source.ts";
import { checkOptionTypes, oneOf, TEXT } from "../../lib/option_types.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { DEMO_SEGMENTATION_PROJECT, demoProjects } from "../../testing/demo_projects.ts";
import { ConfigError } from "../../lib/errors.ts";
import { LABELS, maskTask, segmentationConfiguration } from "../_fixtures/project.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { clientOf } from "../_fixtures/lab_client.ts";

const PROJECT = {
  configuration: segmentationConfiguration("p1", LABELS),
  tasks: [maskTask("t1", "a.jpg")],
};

/** Option values of the wrong type: each a `TypeError` naming the option and what it got. */
const WRONG_TYPES: [Record<string, unknown>, string][] = [
  [{ overwrite: "false" }, 'options.overwrite must be true or false; got the string "false"'],
  [{ dryRun: 1 }, "options.dryRun must be true or false; got 1"],
  [{ replaceExtension: "yes" }, "options.replaceExtension must be true or false"],
  [
    { concurrency: "4" },
    'options.concurrency must be a whole number from 1 to 256; got the string "4"',
  ],
  [{ shard: "1/2" }, "options.shard must be { index, count }"],
  [{ now: "2024-12-25" }, 'options.now must be a Date; got the string "2024-12-25"'],
  [{ onProgress: "log" }, "options.onProgress must be a function"],
  [{ signal: {} }, "options.signal must be an AbortSignal; got {}"],
  [{ workerUrl: "file:///w.js" }, "options.workerUrl must be a URL"],
  [{ stuff: "road" }, 'options.stuff must be a list of strings; got the string "road"'],
  [{ split: 80 }, "options.split must be a string or a list; got 80"],
  [{ semanticMapping: 255 }, "options.semanticMapping must be an object; got 255"],
  [{ fileSystem: {} }, "options.fileSystem must be a file system (an object with lstat"],
  [{ outputFolder: 5 }, "options.outputFolder must be a string; got 5"],
  [{ projectId: 7 }, "options.projectId must be a string; got 7"],
  [{ filters: "complete" }, 'options.filters must be an object; got the string "complete"'],
  [{ filters: { statusIn: "complete" } }, "options.filters.statusIn must be a list of strings"],
  [
    { filters: { data: { camera: 1 } } },
    'options.filters.data must be an object of strings; got {"camera":1}',
  ],
  [{ filters: { createdAtGt: 5 } }, "options.filters.createdAtGt must be a string; got 5"],
  [
    { filters: { statusin: ["complete"] } },
    "options.filters.statusin is not a task filter; the filters are batchIdIn, statusIn",
  ],
];

/** Values of the right type out of their range: each a `RangeError`. */
const OUT_OF_RANGE: [Record<string, unknown>, string][] = [
  [{ concurrency: 0 }, "options.concurrency must be a whole number from 1 to 256; got 0"],
  [{ concurrency: 1.5 }, "got 1.5"],
  [{ concurrency: 1000 }, "got 1000"],
  [{ maxPixels: 0 }, "options.maxPixels must be a whole number from 1 to 2147483648; got 0"],
  [{ memoryBudgetBytes: -1 }, "options.memoryBudgetBytes must be a whole number of at least 1"],
  [
    { shard: { index: 0, count: 2 } },
    'options.shard must be { index, count }, whole numbers with index from 1 to count and count at most 1024; got {"index":0,"count":2}',
  ],
  [{ shard: { index: 3, count: 2 } }, "got {"],
  [{ platform: "mac" }, 'options.platform must be "windows" or "posix"; got the string "mac"'],
  [{ now: new Date(Number.NaN) }, "options.now must be a Date; got an invalid Date"],
  [{ polygonTolerance: -1 }, "options.polygonTolerance must be a finite number of at least 0"],
];

Deno.test("exportMasks refuses options of the wrong type or range by name, before any request or file", async (t) => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  await using dir = await tempDir();
  const cases = [
    ...WRONG_TYPES.map(([options, message]) => ({ options, message, type: TypeError })),
    ...OUT_OF_RANGE.map(([options, message]) => ({ options, message, type: RangeError })),
  ];
  for (const { options, message, type } of cases) {
    await t.step(JSON.stringify(options) ?? String(options), async () => {
      const given = {
        client: clientOf(lab),
        projectId: "p1",
        outputFolder: dir.path,
        outputFilename: "out",
        ...options,
      };
      await assert.rejects(exportMasks(given as never), errorWith(type, message));
    });
  }
  assert.deepEqual(lab.requests, []);
  assert.deepEqual(await listFiles(dir.path), []);
});

Deno.test("exportMasks without a task source, or given a client's options in its place, names the client and never the secret", async () => {
  const secretKey = "sk_do_not_print_0123456789";
  await assert.rejects(
    exportMasks({ projectId: "p1" } as never),
    errorWith(TypeError, "options.client must be a task source"),
  );
  await assert.rejects(
    exportMasks(
      {
        client: { endpoint: "https://lab.example/", accessId: "a", secretKey },
        projectId: "p1",
      } as never,
    ),
    (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.equal(
        error.message,
        "options.client must be a task source (an object with getProjectConfiguration, taskPages); got an object",
      );
      return true;
    },
  );
});

Deno.test("exportFormat and maskFiles check the same options", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  await using dir = await tempDir();
  const base = { client: clientOf(lab), projectId: "p1", outputFolder: dir.path };
  await assert.rejects(
    exportFormat({ ...base, format: "coco", overwrite: "no" } as never),
    errorWith(TypeError, 'options.overwrite must be true or false; got the string "no"'),
  );
  await assert.rejects(
    exportMasks({ ...base, format: "lab", concurrency: 0 }),
    errorWith(RangeError, "options.concurrency must be a whole number from 1 to 256"),
  );
  await assert.rejects(
    maskFiles({ ...base, filters: { taskIdIn: "t1" } } as never).next(),
    errorWith(TypeError, "options.filters.taskIdIn must be a list of strings"),
  );
  assert.deepEqual(lab.requests, []);
  assert.deepEqual(await listFiles(dir.path), []);
});

Deno.test("LabClient refuses options of the wrong type or range, and never shows a credential", () => {
  const valid = { endpoint: "https://lab.example/", accessId: "id", secretKey: "sk_hidden_42" };
  const cases: [Record<string, unknown>, typeof TypeError | typeof RangeError, string][] = [
    // Truthy, it would have sent the secret key in clear to another machine.
    [
      { endpoint: "http://lab.example/", allowInsecureHttp: "no" },
      TypeError,
      'options.allowInsecureHttp must be true or false; got the string "no"',
    ],
    [{ endpoint: 5 }, TypeError, "options.endpoint must be a string or a URL; got 5"],
    [{ secretKey: 4242 }, TypeError, "options.secretKey must be a string; got a number"],
    [{ accessId: ["id"] }, TypeError, "options.accessId must be a string; got a list"],
    [
      { maxRetries: "3" },
      TypeError,
      'options.maxRetries must be a whole number of at least 0; got the string "3"',
    ],
    [
      { maxRetries: -1 },
      RangeError,
      "options.maxRetries must be a whole number of at least 0; got -1",
    ],
    [
      { timeoutMs: 0.5 },
      RangeError,
      "options.timeoutMs must be a whole number of at least 1; got 0.5",
    ],
    [{ onRequest: "log" }, TypeError, "options.onRequest must be a function"],
    [{ signal: 1 }, TypeError, "options.signal must be an AbortSignal; got 1"],
  ];
  for (const [bad, type, message] of cases) {
    assert.throws(() => new LabClient({ ...valid, ...bad } as never), (error: unknown) => {
      errorWith(type, message)(error);
      assert.doesNotMatch((error as Error).message, /4242|sk_hidden_42/);
      return true;
    });
  }
  assert.throws(
    () => LabClient.fromEnv({ env: "ISAHIT" } as never),
    errorWith(TypeError, 'options.env must be a function; got the string "ISAHIT"'),
  );
});

Deno.test("task sources refuse a filter of the wrong type before any request", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  await assert.rejects(
    clientOf(lab).taskPages("p1", { statusIn: "complete" } as never).next(),
    errorWith(TypeError, "options.filters.statusIn must be a list of strings"),
  );
  // A value of the right type is the lab's to judge: its 400 is the answer.
  assert.deepEqual(lab.requests, []);
  const source = new ExportFileSource({ exportFile: "none.json", configFile: "none.json" });
  await assert.rejects(
    source.taskPages("p1", { nameLike: ["a"] } as never).next(),
    errorWith(TypeError, 'options.filters.nameLike must be a string; got ["a"]'),
  );
  assert.throws(
    () => new ExportFileSource({ exportFile: "tasks.json" } as never),
    errorWith(TypeError, "options.configFile must be a string; got undefined"),
  );
});

Deno.test("convertMask refuses a limit or a colour table of the wrong type", async () => {
  await assert.rejects(
    convertMask("data:,", { maxPixels: "100" } as never),
    errorWith(TypeError, "options.maxPixels"),
  );
  await assert.rejects(
    convertMask("data:,", { colourByBChannel: { 7: [1, 2, 3] } } as never),
    errorWith(TypeError, "options.colourByBChannel must be a Map"),
  );
});

Deno.test("checkOptionTypes quotes a value short and inert, and names a secret's kind only", () => {
  const long = "x".repeat(100);
  assert.throws(
    () => checkOptionTypes({ name: 1 }, { name: TEXT }),
    errorWith(TypeError, "options.name must be a string; got 1"),
  );
  assert.throws(
    () => checkOptionTypes({ mode: long }, { mode: oneOf(["a", "b"]) }),
    (error: unknown) => {
      errorWith(RangeError, `options.mode must be "a" or "b"; got the string "${"x".repeat(60)}…"`)(
        error,
      );
      return true;
    },
  );
  assert.throws(
    () => checkOptionTypes({ mode: "\u001b[31mred" }, { mode: oneOf(["a", "b"]) }),
    (error: unknown) => {
      assert.ok(error instanceof RangeError);
      assert.ok(!error.message.includes("\u001b"), error.message);
      assert.match(error.message, /"\\u001b\[31mred"/);
      return true;
    },
  );
  assert.throws(
    () => checkOptionTypes({ key: { token: "t0k3n" } }, { key: { ...TEXT, secret: true } }),
    (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.equal(error.message, "options.key must be a string; got an object");
      return true;
    },
  );
  assert.throws(
    () => checkOptionTypes("p1", { name: TEXT }),
    errorWith(TypeError, 'options must be an object; got the string "p1"'),
  );
  // Left out, or keys the table does not name: not checked.
  checkOptionTypes({ other: 1 }, { name: TEXT });
});

Deno.test("verifyExport refuses a pixel limit of the wrong type before reading the folder", async () => {
  await assert.rejects(
    verifyExport("no such folder", { maxPixels: "1e6" } as never),
    errorWith(
      TypeError,
      'options.maxPixels must be a whole number from 1 to 2147483648; got the string "1e6"',
    ),
  );
});

Deno.test("an update refuses settings of the wrong type recorded in its export.json, before any task request", async (t) => {
  await using lab = await startFakeLab({ projects: demoProjects() });
  await using dir = await tempDir();
  await exportMasks({
    client: clientOf(lab),
    projectId: DEMO_SEGMENTATION_PROJECT,
    outputFolder: dir.path,
    outputFilename: "out",
  });
  const path = `${dir.path}/out/export.json`;
  const metadata = JSON.parse(await Deno.readTextFile(path));
  const recorded: [Record<string, unknown>, string][] = [
    // Taken as they were, the first exported nothing and the second was true.
    [{ shard: { index: 0, count: 2 } }, "(shard must be { index, count }"],
    [{ replaceExtension: "yes" }, '(replaceExtension must be true or false; got the string "yes")'],
    [{ filters: { statusIn: "complete" } }, "(filters.statusIn must be a list of strings"],
    [{ split: { parts: 5, seed: "s" } }, "(split must be a string or a list; got 5)"],
  ];
  for (const [settings, message] of recorded) {
    await t.step(JSON.stringify(settings), async () => {
      await Deno.writeTextFile(
        path,
        JSON.stringify({ ...metadata, settings: { ...metadata.settings, ...settings } }),
      );
      const requests = lab.requests.length;
      await assert.rejects(
        exportMasks({ client: clientOf(lab), incremental: `${dir.path}/out` } as never),
        (error: unknown) => {
          errorWith(
            ConfigError,
            `Cannot update "${
              join(dir.path, "out")
            }": its export.json records a setting this tool does not write ${message}`,
          )(error);
          assert.equal((error as ConfigError).setting, "incremental");
          return true;
        },
      );
      assert.deepEqual(lab.requests.slice(requests), []);
    });
  }
});
