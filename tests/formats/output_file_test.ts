import assert from "../_std/assert.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { listFiles, tempDir } from "../_fixtures/temp_dir.ts";
import { ConfigError, UnsafePathError } from "../../lib/errors.ts";
import { errorWith } from "../_std/error_with.ts";
import { DENO_FILE_SYSTEM, type FileSystem } from "../../lib/model/file_system.ts";
import { exportFormat } from "../../lib/export/export_format.ts";
import { OutputFile } from "../../lib/formats/output_file.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";

const PROJECT = segmentationProject("p1", [maskTask("t1", "a.jpg", "M")]);

Deno.test("a one-file export refuses a link planted at its output path, before any request, even with overwrite", async (t) => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [PROJECT] });
  await Deno.mkdir(`${dir.path}/out`);
  await Deno.writeTextFile(`${dir.path}/target.json`, "keep me");
  const cases: [string, string][] = [
    ["a link to a file", `${dir.path}/target.json`],
    ["a dangling link", `${dir.path}/nowhere.json`],
  ];
  for (const [what, target] of cases) {
    await t.step(what, async () => {
      await Deno.symlink(target, `${dir.path}/out/lab.json`);
      try {
        for (const overwrite of [false, true]) {
          await assert.rejects(
            exportFormat({
              client: clientOf(lab),
              projectId: "p1",
              format: "lab",
              outputFolder: `${dir.path}/out`,
              outputFilename: "lab.json",
              overwrite,
            }),
            (error: unknown) =>
              error instanceof UnsafePathError && error.path === `${dir.path}/out/lab.json` &&
              /it is a symbolic link; remove it, the export never writes through links/.test(
                error.message,
              ),
          );
        }
        const ran = await runCli(
          [
            "export",
            "--project-id=p1",
            "--format=lab",
            `--output-folder=${dir.path}/out`,
            "--output-filename=lab.json",
          ],
          labEnv(lab),
        );
        assert.equal(ran.code, 2, ran.stderr);
        assert.match(ran.stderr, /^error: Refusing the path ".*lab\.json": it is a symbolic link/);
      } finally {
        await Deno.remove(`${dir.path}/out/lab.json`);
      }
    });
  }
  assert.equal(lab.requests.length, 0, "no request for a refused output path");
  assert.equal(await Deno.readTextFile(`${dir.path}/target.json`), "keep me");
  assert.deepEqual(await listFiles(`${dir.path}/out`), []);
});

Deno.test("a one-file export writes through the file door: exclusive temporary file, linked to its name (renamed with overwrite), in an output folder that may be a link", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [PROJECT] });
  await Deno.mkdir(`${dir.path}/real`);
  // The output folder is the user's choice, like the folders above an export folder.
  await Deno.symlink(`${dir.path}/real`, `${dir.path}/linked`);
  const calls: string[] = [];
  const relative = (path: string) =>
    path.slice(dir.path.length + 1).replace(/\.\w+\.tmp$/, ".*.tmp");
  const fileSystem: FileSystem = {
    ...DENO_FILE_SYSTEM,
    open(path, options) {
      calls.push(`open ${relative(path)} createNew=${options.createNew}`);
      return DENO_FILE_SYSTEM.open(path, options);
    },
    rename(from, to) {
      calls.push(`rename ${relative(from)} ${relative(to)}`);
      return DENO_FILE_SYSTEM.rename(from, to);
    },
    link(from, to) {
      calls.push(`link ${relative(from)} ${relative(to)}`);
      return DENO_FILE_SYSTEM.link!(from, to);
    },
  };
  const summary = await exportFormat({
    client: clientOf(lab),
    projectId: "p1",
    format: "lab",
    outputFolder: `${dir.path}/linked`,
    outputFilename: "lab.json",
    fileSystem,
  });
  assert.equal(summary.exported, 1);
  // A new file is linked to its name (which fails where a rename would replace), then the
  // temporary name removed through the door (moved aside, checked, removed).
  assert.deepEqual(calls.map((call) => call.replace(/\.[0-9a-f]{8}\.\*\.tmp/, ".aside")), [
    "open linked/.lab.json.*.tmp createNew=true",
    "link linked/.lab.json.*.tmp linked/lab.json",
    "rename linked/.lab.json.*.tmp linked/.aside",
  ]);
  assert.deepEqual(await listFiles(`${dir.path}/real`), ["lab.json"]);
  calls.length = 0;
  await exportFormat({
    client: clientOf(lab),
    projectId: "p1",
    format: "lab",
    outputFolder: `${dir.path}/linked`,
    outputFilename: "lab.json",
    overwrite: true,
    fileSystem,
  });
  assert.deepEqual(calls, [
    "open linked/.lab.json.*.tmp createNew=true",
    "rename linked/.lab.json.*.tmp linked/lab.json",
  ]);
  assert.deepEqual(await listFiles(`${dir.path}/real`), ["lab.json"]);
});

Deno.test("a one-file export never replaces a file that appeared at its name while it ran", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const path = `${dir.path}/lab.json`;
  // Another run (or a person) writes the name between the check before the requests and the end.
  const fileSystem: FileSystem = {
    ...DENO_FILE_SYSTEM,
    async link(from, to) {
      await Deno.writeTextFile(path, "another run's file");
      return await DENO_FILE_SYSTEM.link!(from, to);
    },
  };
  await assert.rejects(
    exportFormat({
      client: clientOf(lab),
      projectId: "p1",
      format: "lab",
      outputFolder: dir.path,
      outputFilename: "lab.json",
      fileSystem,
    }),
    errorWith(ConfigError, `The output file "${path}" appeared while the export ran`),
  );
  assert.equal(await Deno.readTextFile(path), "another run's file");
  assert.deepEqual(await listFiles(dir.path), ["lab.json"], "no temporary file left");
  // A file system without links: the name is checked and the file renamed, as before.
  const { link: _, ...linkless } = DENO_FILE_SYSTEM;
  await exportFormat({
    client: clientOf(lab),
    projectId: "p1",
    format: "lab",
    outputFolder: dir.path,
    outputFilename: "fresh.json",
    fileSystem: linkless,
  });
  assert.deepEqual(await listFiles(dir.path), ["fresh.json", "lab.json"]);
});

Deno.test("a one-file export with a file per split places them all or none: a file that appeared at one split's name keeps the others' names free", async () => {
  await using dir = await tempDir();
  const tasks = Array.from({ length: 12 }, (_, i) => maskTask(`t${i}`, `${i}.jpg`, "M"));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const val = `${dir.path}/lab_val.json`;
  const linked: string[] = [];
  // Another run writes the second split's name after the first split's file got its own.
  const fileSystem: FileSystem = {
    ...DENO_FILE_SYSTEM,
    async link(from, to) {
      linked.push(to.slice(dir.path.length + 1));
      if (to === val) await Deno.writeTextFile(val, "another run's file");
      return await DENO_FILE_SYSTEM.link!(from, to);
    },
  };
  const options = labSplit(lab, dir.path, "train=50,val=50");
  await assert.rejects(
    exportFormat({ ...options, fileSystem }),
    errorWith(
      ConfigError,
      `The output file "${val}" appeared while the export ran (another run may have written it); ` +
        "it is left as it is, and none of this export's 2 files (one a split) was kept",
    ),
  );
  assert.deepEqual(linked, ["lab_train.json", "lab_val.json"], "the train file was placed first");
  assert.deepEqual(await listFiles(dir.path), ["lab_val.json"], "train taken back, no temporary");
  assert.equal(await Deno.readTextFile(val), "another run's file");
  // Once the name is free again, both are placed.
  await Deno.remove(val);
  const summary = await exportFormat({ ...options, fileSystem: DENO_FILE_SYSTEM });
  assert.deepEqual(await listFiles(dir.path), ["lab_train.json", "lab_val.json"]);
  assert.deepEqual(Object.keys(summary.splitFiles ?? {}).sort(), ["train", "val"]);
});

Deno.test("OutputFile.commitAll refuses a file still open, then places files committed together", async () => {
  await using dir = await tempDir();
  const files = ["a.json", "b.json"].map((name) =>
    new OutputFile(`${dir.path}/${name}`, { together: true })
  );
  for (const file of files) await file.write(new TextEncoder().encode(file.path));
  await files[0].commit();
  const named = async () => (await listFiles(dir.path)).filter((name) => !name.startsWith("."));
  assert.deepEqual(await named(), [], "a file made together waits for the others");
  await assert.rejects(
    OutputFile.commitAll(files),
    errorWith(TypeError, `"${dir.path}/b.json" is still open: commit each file first`),
  );
  await files[1].commit();
  await OutputFile.commitAll(files);
  assert.deepEqual(await listFiles(dir.path), ["a.json", "b.json"]);
  assert.equal(await Deno.readTextFile(`${dir.path}/b.json`), `${dir.path}/b.json`);
});

Deno.test("a one-file export with a file per split and overwrite puts back the files it replaced when a later split's file cannot be placed", async () => {
  await using dir = await tempDir();
  const tasks = Array.from({ length: 40 }, (_, i) => maskTask(`t${i}`, `${i}.jpg`, "M"));
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", tasks)] });
  const names = ["lab_test.json", "lab_train.json", "lab_val.json"];
  for (const name of names) await Deno.writeTextFile(`${dir.path}/${name}`, `the earlier ${name}`);
  const renamed: string[] = [];
  // The disk fails the last split's rename, after the first split's file replaced its own.
  const fileSystem: FileSystem = {
    ...DENO_FILE_SYSTEM,
    async rename(from, to) {
      const name = to.slice(dir.path.length + 1);
      if (names.includes(name)) renamed.push(name);
      if (name === "lab_val.json" && from.endsWith(".tmp")) {
        throw new Deno.errors.PermissionDenied("the disk said no");
      }
      return await DENO_FILE_SYSTEM.rename(from, to);
    },
  };
  const options = { ...labSplit(lab, dir.path, "train=40,val=30,test=30"), overwrite: true };
  // Names that were free are taken back, names that held a file get it back.
  await Deno.remove(`${dir.path}/lab_train.json`);
  await assert.rejects(exportFormat({ ...options, fileSystem }), /the disk said no/);
  assert.deepEqual(await listFiles(dir.path), ["lab_test.json", "lab_val.json"]);
  await Deno.writeTextFile(`${dir.path}/lab_train.json`, "the earlier lab_train.json");
  renamed.length = 0;
  await assert.rejects(exportFormat({ ...options, fileSystem }), /the disk said no/);
  assert.ok(renamed.indexOf("lab_train.json") < renamed.indexOf("lab_val.json"), renamed.join());
  assert.deepEqual(await listFiles(dir.path), names, "no temporary or kept file left");
  for (const name of names) {
    assert.equal(await Deno.readTextFile(`${dir.path}/${name}`), `the earlier ${name}`, name);
  }
  // Where the disk lets it, every split's file replaces its own.
  await exportFormat({ ...options, fileSystem: DENO_FILE_SYSTEM });
  assert.deepEqual(await listFiles(dir.path), names);
  for (const name of names) {
    assert.notEqual(await Deno.readTextFile(`${dir.path}/${name}`), `the earlier ${name}`, name);
  }
});

/** The options of a `lab` export of project p1 as `lab.json` with a file per split. */
function labSplit(lab: FakeLab, folder: string, split: string) {
  return {
    client: clientOf(lab),
    projectId: "p1",
    format: "lab" as const,
    outputFolder: folder,
    outputFilename: "lab.json",
    split,
  };
}

Deno.test("two runs placing the same files together at once place all of theirs in turn, never some of each", async () => {
  await using dir = await tempDir();
  const names = ["lab_train.json", "lab_val.json"];
  for (const name of names) await Deno.writeTextFile(`${dir.path}/${name}`, "the earlier file");
  // Run A stops before it renames its second file, until the gate opens.
  let opened = () => {};
  const gate = new Promise<void>((resolve) => opened = resolve);
  let stopped = () => {};
  const stoppedAtGate = new Promise<void>((resolve) => stopped = resolve);
  const gated: FileSystem = {
    ...DENO_FILE_SYSTEM,
    rename: async (from, to) => {
      if (to.endsWith("/lab_val.json")) {
        stopped();
        await gate;
      }
      await DENO_FILE_SYSTEM.rename(from, to);
    },
  };
  const runOf = async (run: string, fileSystem: FileSystem) => {
    const files = names.map((name) =>
      new OutputFile(`${dir.path}/${name}`, { fileSystem, together: true })
    );
    for (const file of files) {
      await file.checkTarget(true);
      await file.write(new TextEncoder().encode(`run ${run}`));
      await file.commit();
    }
    return files;
  };
  const a = OutputFile.commitAll(await runOf("A", gated));
  await stoppedAtGate;
  let bPlaced = false;
  const b = OutputFile.commitAll(await runOf("B", DENO_FILE_SYSTEM)).then(() => bPlaced = true);
  // Without a lock, B places both its files now, and A's second rename then replaces one.
  await Promise.race([b, new Promise((resolve) => setTimeout(resolve, 500))]);
  assert.equal(bPlaced, false, "B waits while A places its files");
  opened();
  await Promise.all([a, b]);
  assert.deepEqual(await listFiles(dir.path), names, "no lock, temporary or kept file left");
  for (const name of names) assert.equal(await Deno.readTextFile(`${dir.path}/${name}`), "run B");
});

Deno.test("a link planted at the placing lock's name stops the placing by name, leaving the earlier files and no temporary file", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const names = ["lab_train.json", "lab_val.json"];
  for (const name of names) await Deno.writeTextFile(`${dir.path}/${name}`, `the earlier ${name}`);
  await Deno.writeTextFile(`${dir.path}/elsewhere`, "not a lock");
  await Deno.symlink(`${dir.path}/elsewhere`, `${dir.path}/.lab-masks-placing.lock`);
  const options = { ...labSplit(lab, dir.path, "train=50,val=50"), overwrite: true };
  await assert.rejects(
    exportFormat(options),
    (error: unknown) =>
      error instanceof UnsafePathError && error.path === `${dir.path}/.lab-masks-placing.lock` &&
      /it is not a regular file/.test(error.message),
  );
  const left = await listFiles(dir.path);
  assert.deepEqual(left, [".lab-masks-placing.lock", "elsewhere", ...names]);
  for (const name of names) {
    assert.equal(await Deno.readTextFile(`${dir.path}/${name}`), `the earlier ${name}`);
  }
  assert.equal(await Deno.readTextFile(`${dir.path}/elsewhere`), "not a lock");
});
