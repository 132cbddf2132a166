import assert from "../_std/assert.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;
import { exportMasks } from "../../lib/export/export_masks.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { formConfiguration, formInput } from "../_fixtures/project.ts";
import { annotation, bodyTask, configurationOf, labOf, unzip } from "./_fixtures.ts";
import { errorWith } from "../_std/error_with.ts";
import { MasksError } from "../../lib/errors.ts";
import { yoloLabelLines } from "../../lib/formats/yolo_label_lines.ts";

// data.yaml by hand from sdk-formats.md: the main list "Things" shows ground (road) then objects.
const DATA_YAML = "nc: 3\nnames: ['road','car','person']\n";

Deno.test("export --format yolo writes the SDK's rectangle rows and data.yaml byte for byte", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("boxes", "iat-rectangle"), [
    bodyTask("t1", "street/a.jpg", {
      image: { width: 160, height: 120 },
      annotations: [
        annotation("a1", [], [{ type: "rectangle", vertices: [0, 0, 1, 1] }]),
        annotation("a2", ["person"], [{ type: "rectangle", vertices: [0.75, 0.6, 0.25, 0.1] }]),
      ],
    }),
    bodyTask("t2", "empty.jpg"),
    bodyTask("t3", "street/A.JPG", {
      image: { width: 10, height: 10 },
      annotations: [annotation("a3", ["car"], [{ vertices: [0.1, 0.2, 0.3, 0.7] }])],
    }),
  ]);
  const ran = await runCli(
    [
      "export",
      "--project-id",
      "boxes",
      "--format",
      "yolo",
      "--output-folder",
      dir.path,
      "--output-filename",
      "out/boxes.zip",
    ],
    labEnv(lab),
  );
  assertEquals(ran.code, 0, ran.stderr);
  assert(ran.stdout.includes(`Exported 3 tasks to "${dir.path}/out/boxes.zip"`), ran.stdout);
  const files = unzip(await Deno.readFile(`${dir.path}/out/boxes.zip`));
  assertEquals([...files.keys()], [
    "data.yaml",
    "labels/street/a.jpg.txt",
    "labels/empty.jpg.txt",
    "labels/street/A.JPG__t3.txt",
  ]);
  assertEquals(files.get("data.yaml"), DATA_YAML);
  assertEquals(files.get("labels/street/a.jpg.txt"), "-1 0.5 0.5 1 1\n2 0.5 0.35 0.5 0.5\n");
  assertEquals(files.get("labels/empty.jpg.txt"), "");
  // No geometry.type in an iat-rectangle project: a rectangle. Python 3 prints, for [0.1, 0.2,
  // 0.3, 0.7]: min + w / 2 and w in float arithmetic, e.g. 0.3 - 0.1 = 0.19999999999999998.
  assertEquals(
    files.get("labels/street/A.JPG__t3.txt"),
    "1 0.2 0.44999999999999996 0.19999999999999998 0.49999999999999994\n",
  );
  assert(ran.stdout.includes("1 renamed"), ran.stdout);
  const options = lab.requests.find((request) => request.path.endsWith("/tasks"))!.query;
  assertEquals(options.getAll("optionalFields"), ["data", "data.mask", "jobs", "metrics"]);
});

Deno.test("exportMasks() with format yolo normalizes segmentation pixels as Python floats", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("seg", "iat-segmentation"), [
    bodyTask("t1", "a.jpg", {
      image: { width: 200, height: 80 },
      annotations: [
        annotation("a1", ["road"], [{ vertices: [0, 0, 200, 0, 1, 80] }], "approximation"),
        annotation("a2", ["car", "road"], [{ vertices: [10, 20, 0.01, 4] }], "approximation"),
      ],
    }),
    bodyTask("t2", "nosize.jpg", {
      annotations: [annotation("a3", ["car"], [{ vertices: [1, 2, 3, 4, 5, 6] }], "approximation")],
    }),
    bodyTask("t3", "stranger.jpg", {
      image: { width: 2, height: 2 },
      annotations: [
        annotation("a4", ["tree"], [{ vertices: [0, 0, 1, 1, 1, 0] }], "approximation"),
      ],
    }),
  ]);
  const summary = await exportMasks({
    client: clientOf(lab),
    projectId: "seg",
    format: "yolo",
    outputFolder: dir.path,
    outputFilename: "seg.zip",
    replaceExtension: true,
  });
  assertEquals(summary.exported, 1);
  assertEquals(summary.failures.map((failure) => failure.taskId), ["t2", "t3"]);
  assert(summary.failures[0].reason!.includes("image size is missing"));
  assert(summary.failures[1].reason!.includes('"tree"'));
  const files = unzip(await Deno.readFile(`${dir.path}/seg.zip`));
  assertEquals([...files.keys()], ["data.yaml", "labels/a.txt"]);
  assertEquals(
    files.get("labels/a.txt"),
    "0 0.0 0.0 1.0 0.0 0.005 1.0\n1 0.05 0.25 5e-05 0.05\n",
  );
});

Deno.test("export --format yolo keeps polygon vertices as stored and refuses sequences and bad names", async () => {
  await using dir = await tempDir();
  await using lab = await labOf(configurationOf("poly", "iat-polyline"), [
    bodyTask("t1", "a.jpg", {
      annotations: [annotation("a1", ["car"], [{ vertices: [0, 1, 0.5, 0.25] }])],
    }),
    bodyTask("t2", "../evil.jpg", {}),
  ]);
  const poly = ["export", "--project-id", "poly", "--format", "yolo"];
  const exportPoly = () =>
    runCli(
      ["export", "--project-id", "poly", "--format", "yolo", "--output-folder", dir.path]
        .concat(["--output-filename", "p.zip"]),
      labEnv(lab),
    );
  const ok = await exportPoly();
  // A name that would leave the folder fails its task; the other one is written.
  assertEquals(ok.code, 1, ok.stderr);
  assert(ok.stdout.includes('failed: "../evil.jpg" (t2): its name has a ".." segment'), ok.stdout);
  const files = unzip(await Deno.readFile(`${dir.path}/p.zip`));
  assertEquals([...files.keys()], ["data.yaml", "labels/a.jpg.txt"]);
  assertEquals(files.get("labels/a.jpg.txt"), "1 0 1 0.5 0.25\n");
  await using sequence = await labOf(
    configurationOf("video", "iat-rectangle", { sequence: true }),
    [],
  );
  // Usage errors (exit 2), each named: the file exists, the extension, a sequence, a mask flag.
  const refusals: [Promise<{ code: number; stderr: string }>, string][] = [
    [exportPoly(), "already exists"],
    [runCli([...poly, "--output-filename", "p.ZIP"], labEnv(lab)), 'must end with ".zip"'],
    [runCli([...poly, "--mask-format", "palette"], labEnv(lab)), "--mask-format is not supported"],
    [runCli(["export", "--project-id", "video", "--format", "yolo"], labEnv(sequence)), "sequence"],
  ];
  for (const [running, words] of refusals) {
    const refused = await running;
    assertEquals(refused.code, 2, refused.stderr);
    assert(refused.stderr.includes(words), refused.stderr);
  }
});

Deno.test("exportMasks() with format yolo reads a form's input, plans in a dry run and splits shards", async () => {
  await using dir = await tempDir();
  const metadata = configurationOf("form", "form").metadata;
  const form = formConfiguration("form", [
    formInput("boxes", "tool-iat-rectangle"),
    { ...formInput("lines", "tool-iat-polyline"), config: { metadata } },
    formInput("notes", "text"),
  ]);
  const tasks = Array.from({ length: 6 }, (_, i) =>
    bodyTask(`t${i}`, `${i}.jpg`, {
      lines: { annotations: [annotation(`a${i}`, ["road"], [{ vertices: [0, i / 8] }])] },
    }));
  await using lab = await labOf(form, tasks);
  const base = { client: clientOf(lab), projectId: "form", format: "yolo" as const };
  await assert.rejects(
    () => exportMasks({ ...base, outputFolder: dir.path }),
    /2 inputs fit options\.format yolo; pick one with the input id: "boxes" \(tool-iat-rectangle\), "lines"/,
  );
  const dry = await exportMasks({
    ...base,
    inputId: "lines",
    dryRun: true,
    outputFolder: dir.path,
  });
  assertEquals(dry.planned, 6);
  assertEquals(dry.plannedTasks[5].file, "labels/5.jpg.txt");
  assertEquals([...Deno.readDirSync(dir.path)], []);
  const lines = new Map<string, string>();
  for (const index of [1, 2, 3]) {
    const summary = await exportMasks({
      ...base,
      inputId: "lines",
      shard: { index, count: 3 },
      outputFolder: dir.path,
      outputFilename: `shard${index}.zip`,
    });
    if (!summary.folderCreated) continue;
    for (const [name, text] of unzip(await Deno.readFile(summary.file!))) {
      if (name !== "data.yaml") lines.set(name, text);
    }
  }
  // Every task once over the shards; road is class 0 of the input's own configuration.
  assertEquals([...lines.keys()].sort(), tasks.map((task) => `labels/${task.name}.txt`).sort());
  assertEquals(lines.get("labels/4.jpg.txt"), "0 0 0.5\n");
  assertEquals(lines.get("labels/1.jpg.txt"), "0 0 0.125\n");
});

Deno.test("yoloLabelLines names a label that no main list shows, an object id by its JSON", () => {
  const annotated = (id: unknown) => [{
    id: "a1",
    labels: { Objects: { labels: [{ id }] } },
    polygons: [{ geometry: { vertices: [0, 0, 1, 0, 1, 1] } }],
  }];
  const options = { names: ["car"], geometry: "polygon" as const };
  for (const [id, said] of [["bus", '"bus"'], [{ a: 1 }, '"{"a":1}"'], [7, '"7"']] as const) {
    assert.throws(
      () => yoloLabelLines(annotated(id), options),
      errorWith(MasksError, `its annotation "a1" has the label ${said}, which no main list`),
    );
  }
});
