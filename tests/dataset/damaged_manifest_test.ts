import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";

function tasks(): Task[] {
  return Array.from({ length: 3 }, (_, i) => {
    const data = new Uint8Array([1 + i, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 2]);
    const mask = encodeDataUri(writeMaskPng({ width: 2, height: 2, data }, { colourType: 2 }));
    return maskTask(`t${i}`, `f${i}.jpg`, mask);
  });
}

// Each edit of the manifest's second line, and the fault the commands must name.
const EDITS: [string, (entry: Record<string, unknown>) => void, string][] = [
  ["labels a number", (entry) => entry.labels = 12345, '"labels" is not a list of strings'],
  ["a file without a path", (entry) => entry.files = [{}], '"files" is not a list of files'],
  ["instances a list", (entry) => entry.instances = ["car"], '"instances" is not an object'],
  ["no outcome", (entry) => delete entry.outcome, 'it has no "outcome"'],
];

Deno.test("verify, diff and export --incremental refuse a manifest line whose field has the wrong type, naming the file, the line and the field (exit 2)", async (t) => {
  const project = segmentationProject("p1", tasks());
  await using lab = await startFakeLab({ projects: [project] });
  await using dir = await tempDir();
  await exportOnce(project, `${dir.path}/sound`);
  const sound = `${dir.path}/sound/out`;
  const lines = (await Deno.readTextFile(`${sound}/manifest.jsonl`)).split("\n");
  for (const [what, edit, fault] of EDITS) {
    await t.step(what, async () => {
      const folder = `${dir.path}/${what.replaceAll(" ", "-")}`;
      await Deno.mkdir(folder);
      for await (const file of Deno.readDir(sound)) {
        if (file.isFile) await Deno.copyFile(`${sound}/${file.name}`, `${folder}/${file.name}`);
      }
      const entry = JSON.parse(lines[1]);
      edit(entry);
      const edited = [lines[0], JSON.stringify(entry), ...lines.slice(2)].join("\n");
      await Deno.writeTextFile(`${folder}/manifest.jsonl`, edited);
      const expected = `The manifest "${folder}/manifest.jsonl" has a bad line 2: ${fault}`;
      const commands = [["verify", folder], ["diff", sound, folder], [
        "export",
        "--incremental",
        folder,
      ]];
      for (const command of commands) {
        const ran = await runCli(command, labEnv(lab));
        assert.equal(ran.code, 2, `${command[0]}: ${ran.stderr}`);
        assert.ok(ran.stderr.includes(expected), `${command[0]}: ${ran.stderr}`);
        assert.doesNotMatch(ran.stderr, /unexpected failure/);
      }
    });
  }
});

Deno.test("verify and diff refuse an export.json whose field they read has another type, naming the field (exit 2)", async (t) => {
  await using dir = await tempDir();
  await exportOnce(segmentationProject("p1", tasks()), `${dir.path}/sound`);
  const sound = `${dir.path}/sound/out`;
  const metadata = JSON.parse(await Deno.readTextFile(`${sound}/export.json`));
  const edits: [string, unknown, string][] = [
    ["datasetId", { id: 1 }, '"datasetId" is not a string'],
    ["pixelForm", 2, '"pixelForm" is not a string'],
    ["files", [{ path: "a.json" }], '"files" is not a list of files'],
  ];
  for (const [field, value, fault] of edits) {
    await t.step(field, async () => {
      const folder = `${dir.path}/${field}`;
      await Deno.mkdir(folder);
      for await (const file of Deno.readDir(sound)) {
        if (file.isFile) await Deno.copyFile(`${sound}/${file.name}`, `${folder}/${file.name}`);
      }
      const edited = { ...metadata, [field]: value };
      await Deno.writeTextFile(`${folder}/export.json`, JSON.stringify(edited));
      for (const command of [["verify", folder], ["diff", sound, folder]]) {
        const ran = await runCli(command);
        assert.equal(ran.code, 2, `${command[0]}: ${ran.stderr}`);
        const expected =
          `"${folder}" is not an export folder of this tool: its export.json's ${fault}`;
        assert.ok(ran.stderr.includes(expected), `${command[0]}: ${ran.stderr}`);
        assert.doesNotMatch(ran.stdout + ran.stderr, /\[object |unexpected failure/);
      }
    });
  }
});
