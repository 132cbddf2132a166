import { createHash } from "node:crypto";
import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { verifyExport } from "../../lib/dataset/verify_export.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";

function tasks(): Task[] {
  return Array.from({ length: 4 }, (_, i) => {
    const data = new Uint8Array([1, 1, 1, 2, 2, 1 + (i % 2), 0, 0, 0, 0, 0, 0]);
    return maskTask(
      `t${i}`,
      `f${i}.jpg`,
      encodeDataUri(writeMaskPng({ width: 2, height: 2, data }, { colourType: 2 })),
    );
  });
}

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

Deno.test("--card writes README.md, id2label.json and croissant.json, recorded in export.json and checked by verify", async () => {
  await using dir = await tempDir();
  const summary = await exportOnce(segmentationProject("p1", tasks()), dir.path, {
    maskFormat: "class-index",
    card: true,
    report: true,
    filters: { statusIn: ["complete"] },
  });
  const folder = `${dir.path}/out`;
  const metadata = JSON.parse(await Deno.readTextFile(`${folder}/export.json`));
  assert.deepEqual(metadata.files.map((file: { path: string }) => file.path), [
    "README.md",
    "id2label.json",
    "croissant.json",
  ]);
  for (const file of metadata.files) {
    assert.equal(file.sha256, sha(await Deno.readFile(`${folder}/${file.path}`)));
  }

  // id2label.json: the background, then labelmap.json's classes by index.
  const labelmap = JSON.parse(await Deno.readTextFile(`${folder}/labelmap.json`));
  const id2label = JSON.parse(await Deno.readTextFile(`${folder}/id2label.json`));
  assert.deepEqual(id2label, {
    "0": "background",
    ...Object.fromEntries(
      labelmap.classes.map((c: { index: number; id: string }) => [String(c.index), c.id]),
    ),
  });

  const readme = await Deno.readTextFile(`${folder}/README.md`);
  assert.match(readme, /^# p1: segmentation masks$/m);
  assert.match(readme, /- Mask format: `class-index`/);
  assert.match(readme, /- Filters: `\{"statusIn":\["complete"\]\}`/);
  assert.ok(readme.includes(`- Dataset id: \`${summary.datasetId}\``), readme);
  // Instance 1 is a car in every task; instance 2 a car in two, a person in the other two.
  const [car, person] = labelmap.classes;
  assert.match(readme, new RegExp(`^\\| 1 \\| ${car.id} \\| .* \\| 4 \\| 6 \\| 75\\.0% \\|$`, "m"));
  assert.match(
    readme,
    new RegExp(`^\\| 2 \\| ${person.id} \\| .* \\| 2 \\| 2 \\| 25\\.0% \\|$`, "m"),
  );
  assert.match(readme, /```python\n[^]*id2label\.json[^]*```/);

  const croissant = JSON.parse(await Deno.readTextFile(`${folder}/croissant.json`));
  assert.equal(croissant.conformsTo, "http://mlcommons.org/croissant/1.0");
  const manifest = (await Deno.readTextFile(`${folder}/manifest.jsonl`)).trim().split("\n").map((
    l,
  ) => JSON.parse(l));
  const objects = croissant.distribution.filter((d: { "@type": string }) =>
    d["@type"] === "cr:FileObject"
  );
  assert.deepEqual(
    objects.map((o: { contentUrl: string; sha256: string }) => [o.contentUrl, o.sha256]),
    manifest.map((entry) => [entry.files[0].path, entry.files[0].sha256]),
  );
  assert.ok(croissant.distribution.some((d: { "@type": string }) => d["@type"] === "cr:FileSet"));
  const classes = croissant.recordSet[0];
  assert.equal(classes["@type"], "cr:RecordSet");
  assert.deepEqual(classes.data.map((row: Record<string, unknown>) => row["classes/index"]), [
    0,
    ...labelmap.classes.map((c: { index: number }) => c.index),
  ]);

  assert.equal((await verifyExport(folder)).intact, true);
  await Deno.writeTextFile(`${folder}/README.md`, readme.replace("segmentation", "edited"));
  const report = await verifyExport(folder);
  assert.deepEqual(report.changed.map((c) => [c.path, c.reason]), [["README.md", "sha256"]]);
});

Deno.test("export --card from the command line writes the card; without it, none", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks())] });
  const base = ["export", "--project-id", "p1", "-o", dir.path];
  const ran = await runCli([...base, "--output-filename", "with", "--card"], labEnv(lab));
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(ran.stdout, /^Dataset id: [0-9a-f]{64}$/m);
  for (const name of ["README.md", "id2label.json", "croissant.json"]) {
    assert.ok((await Deno.stat(`${dir.path}/with/${name}`)).isFile, name);
  }
  assert.equal((await runCli([...base, "--output-filename", "without"], labEnv(lab))).code, 0);
  await assert.rejects(() => Deno.stat(`${dir.path}/without/README.md`), Deno.errors.NotFound);
});

Deno.test("--card: a task whose name would make README.md a folder is renamed, and the card is written", async () => {
  await using dir = await tempDir();
  const [first] = tasks();
  const clash = { ...first, _id: "t9", name: "README.md/a.jpg" };
  const summary = await exportOnce(segmentationProject("p1", [first, clash]), dir.path, {
    card: true,
  });
  assert.equal(summary.failed, 0);
  assert.deepEqual(summary.renamed.map((task) => task.taskId), ["t9"]);
  assert.ok((await Deno.stat(`${dir.path}/out/README.md`)).isFile);
  assert.equal((await verifyExport(`${dir.path}/out`)).intact, true);
});

Deno.test("an incremental run without --card removes the card an earlier run wrote, so verify stays intact", async () => {
  await using dir = await tempDir();
  const project = segmentationProject("p1", tasks());
  await exportOnce(project, dir.path, { card: true });
  const folder = `${dir.path}/out`;
  assert.ok((await Deno.stat(`${folder}/croissant.json`)).isFile);
  await exportOnce(project, dir.path, {
    incremental: folder,
    outputFilename: undefined,
    outputFolder: undefined,
  });
  for (const name of ["README.md", "id2label.json", "croissant.json"]) {
    await assert.rejects(() => Deno.stat(`${folder}/${name}`), Deno.errors.NotFound);
  }
  const metadata = JSON.parse(await Deno.readTextFile(`${folder}/export.json`));
  assert.equal(metadata.files, undefined);
  assert.equal((await verifyExport(folder)).intact, true);
});

Deno.test("--card with --split: the README counts each split's tasks as the manifest gives them", async () => {
  await using dir = await tempDir();
  await exportOnce(segmentationProject("p1", tasks()), dir.path, {
    split: "train=50,val=50",
    card: true,
  });
  const folder = `${dir.path}/out`;
  const manifest = (await Deno.readTextFile(`${folder}/manifest.jsonl`)).trim().split("\n")
    .map((line) => JSON.parse(line));
  const readme = await Deno.readTextFile(`${folder}/README.md`);
  for (const split of ["train", "val"]) {
    const count = manifest.filter((entry) => entry.split === split).length;
    assert.match(readme, new RegExp(`^\\| ${split} \\| ${count} \\|$`, "m"));
  }
});
