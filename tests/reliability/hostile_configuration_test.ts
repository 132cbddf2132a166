import assert from "../_std/assert.ts";
import {
  formConfiguration,
  formInput,
  maskTask,
  segmentationConfiguration,
} from "../_fixtures/project.ts";
import { errorWith } from "../_std/error_with.ts";
import { ConfigError } from "../../lib/errors.ts";
import { resolveMaskSource } from "../../lib/detect/resolve_mask_source.ts";
import { resolveFormatSource } from "../../lib/formats/format_source.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import type { Label } from "../../lib/api/types.ts";
import { classTable } from "../../lib/detect/class_table.ts";
import { exportFormat } from "../../lib/export/export_format.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { runCli } from "./_fixtures.ts";
import { hostileEnv, json, labBasics, serveHostile } from "./_hostile_server.ts";

// The project's configuration comes from the lab too: its strings are as hostile as a task's.
const TYPES: [unknown, string][] = [
  ["x\n::warning::pwned\u202e", 'its type is "x\\n::warning::pwned\\u202e"'],
  [undefined, "it has no type"],
  [{ a: 1 }, 'its type is {"a":1}'],
];

Deno.test("a configuration's project type cannot inject a workflow command or an escape into the error line, and a missing one is said to be missing", async () => {
  await using dir = await tempDir();
  for (const [projectType, said] of TYPES) {
    const configuration = { ...segmentationConfiguration("p1"), projectType };
    await using lab = serveHostile((_request, path) =>
      path.endsWith("/project-configuration") ? json(configuration) : labBasics(path) ?? json({})
    );
    for (const format of [[], ["--format", "yolo"]]) {
      const ran = await runCli(["export", "--project-id", "p1", ...format], {
        env: hostileEnv(lab),
        cwd: dir.path,
      });
      assert.equal(ran.code, 2, ran.stderr);
      assert.equal(ran.stderr.split("\n").length, 2, `one line: ${ran.stderr}`);
      assert.doesNotMatch(ran.stderr, /^\s*::/m, "no line starts a workflow command");
      assert.equal(ran.stderr.includes("\u202e"), false, "no bidirectional override printed");
      assert.ok(ran.stderr.includes(`Cannot export project "p1"`), ran.stderr);
      assert.ok(ran.stderr.includes(said), ran.stderr);
      assert.doesNotMatch(ran.stderr, /undefined|\[object /);
    }
  }
});

Deno.test("a label whose name or colour is no text is named by its id and coloured from the table, and a list name that is no text is no COCO supercategory", async () => {
  await using dir = await tempDir();
  const labels = [
    { id: "car", name: 5, color: "#e6194b", bChannel: 1 },
    { id: "person", name: { a: 1 }, color: 7, bChannel: 2 },
    { id: "road", name: "Road", color: ["#4363d8"], bChannel: 3 },
  ] as unknown as Label[];
  const configuration = segmentationConfiguration("p1", labels);
  configuration.metadata!.labelOptions!.mainLists = [{ name: 9, keys: ["objects"] }] as never;
  const mask = encodeDataUri(
    writeMaskPng({ width: 2, height: 1, data: new Uint8Array([1, 1, 2, 2, 2, 3]) }, {
      colourType: 2,
    }),
  );
  const project = { configuration, tasks: [maskTask("t1", "a.jpg", mask)] };
  await using lab = await startFakeLab({ projects: [project] });
  const client = clientOf(lab);
  const base = { client, projectId: "p1", outputFolder: dir.path };
  const masks = await exportMasks({ ...base, outputFilename: "m", maskFormat: "palette" });
  assert.equal(masks.exported, 1);
  const labelmap = await Deno.readTextFile(`${dir.path}/m/labelmap.txt`);
  const fallback = classTable(labels.map(({ id, bChannel }) => ({ id, bChannel })));
  const colour = (id: string) => fallback.classes.find((entry) => entry.id === id)!.colour.join();
  assert.deepEqual(labelmap.trim().split("\n").slice(2), [
    "car:230,25,75::",
    `person:${colour("person")}::`,
    `Road:${colour("road")}::`,
  ]);
  await exportFormat({ ...base, format: "coco", outputFilename: "c.json" });
  const coco = JSON.parse(await Deno.readTextFile(`${dir.path}/c.json`));
  assert.deepEqual(
    coco.categories.map((category: { supercategory: unknown }) => category.supercategory),
    ["", "", ""],
  );
});

Deno.test("a form input whose name or type is not text is listed by its id, and no tool's, never as [object Object] or a crash", () => {
  const segmentation = { ...formInput("seg", "tool-iat-segmentation"), name: { a: 1 } };
  const odd = { ...formInput("odd", "tool-iat-polygon"), type: 5 };
  const configuration = formConfiguration("p1", [segmentation, odd] as never);
  // The input without a name is listed by its id alone; the one of no tool is not listed.
  assert.throws(
    () => resolveMaskSource(configuration, { inputId: "nope" }),
    errorWith(
      ConfigError,
      /^Input "nope" is not an input of project "p1" with masks; choose one of: "seg"$/,
    ),
  );
  assert.equal(resolveMaskSource(configuration).input?.id, "seg");
  for (const format of ["coco", "yolo"] as const) {
    assert.equal(resolveFormatSource(configuration, format).geometry, "segmentation");
    assert.throws(
      () => resolveFormatSource(configuration, format, { inputId: "odd" }),
      (error: unknown) =>
        error instanceof ConfigError && !/\[object |undefined/.test(error.message),
    );
  }
});
