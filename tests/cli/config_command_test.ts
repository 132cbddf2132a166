/**
 * `lab-masks config --project-id <id> > config.json` saves the file `--from-export` needs, and
 * that file converts an export offline as the lab would.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { segmentationConfiguration } from "../_fixtures/project.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";
import { folderState, tempDir } from "../_fixtures/temp_dir.ts";

const assertEquals: (actual: unknown, expected: unknown, message?: string) => void =
  assert.deepStrictEqual;

const TASKS: Task[] = [1, 2, 3].map((id) => ({
  _id: `t${id}`,
  name: `f${id}.jpg`,
  status: "complete",
  data: {
    body: {
      mask: encodeDataUri(writeMaskPng({
        width: 2,
        height: 1,
        data: new Uint8Array([id, id, id, 0, 0, 0]),
      }, { colourType: 2 })),
    },
  },
}));

Deno.test("config prints the project's configuration, and the saved file converts an export offline", async () => {
  await using dir = await tempDir();
  await using lab = await startFakeLab({
    projects: [{ configuration: segmentationConfiguration("seg"), tasks: TASKS }],
  });
  const printed = await runCli(["config", "--project-id", "seg"], labEnv(lab));
  assertEquals(printed.code, 0, printed.stderr);
  assert.ok(printed.stdout.endsWith("}\n"));
  assertEquals(JSON.parse(printed.stdout), segmentationConfiguration("seg"));
  const configurations = lab.requests.filter((request) => request.path.includes("/projects/seg/"));
  assertEquals(configurations.length, 1);

  await Deno.writeTextFile(`${dir.path}/config.json`, printed.stdout);
  await Deno.writeTextFile(`${dir.path}/tasks.json`, JSON.stringify(TASKS));
  const common = ["export", "--output-folder", dir.path];
  const online = await runCli(
    [...common, "--project-id", "seg", "--output-filename", "online"],
    labEnv(lab),
  );
  assertEquals(online.code, 0, online.stderr);
  const offline = await runCli([
    ...common,
    "--from-export",
    `${dir.path}/tasks.json`,
    "--config",
    `${dir.path}/config.json`,
    "--output-filename",
    "offline",
  ]);
  assertEquals(offline.code, 0, offline.stderr);
  const masks = async (folder: string) =>
    [...(await folderState(folder)).entries()].filter(([file]) => file.endsWith(".png"))
      // Each state is "<mtime> <size> <sha256>": the bytes count, not when they were written.
      .map(([file, state]) => [file, state.split(" ").slice(1).join(" ")]).sort();
  const expected = await masks(`${dir.path}/online`);
  assertEquals(expected.length, 3);
  assertEquals(await masks(`${dir.path}/offline`), expected);
});

Deno.test("config explains what it needs: its help, a project id, known options, credentials", async () => {
  await using lab = await startFakeLab({
    projects: [{ configuration: segmentationConfiguration("seg"), tasks: [] }],
  });
  for (const args of [["config", "-h"], ["config", "--help"], ["help", "config"]]) {
    const help = await runCli(args);
    assertEquals(help.code, 0, help.stderr);
    assert.ok(
      help.stdout.includes("lab-masks config --project-id <id> > config.json"),
      help.stdout,
    );
  }
  const missing = await runCli(["config"], labEnv(lab));
  assertEquals(missing.code, 2);
  assert.ok(missing.stderr.includes('Option "--project-id" is missing'), missing.stderr);
  const typo = await runCli(["config", "--project", "seg"], labEnv(lab));
  assertEquals(typo.code, 2);
  assert.ok(typo.stderr.includes('did you mean "--project-id"?'), typo.stderr);
  const noCredentials = await runCli(["config", "--project-id", "seg"]);
  assertEquals(noCredentials.code, 2);
  assert.ok(noCredentials.stderr.includes("ISAHIT_LAB_API_ACCESS_ID"), noCredentials.stderr);
  const unknown = await runCli(["config", "--project-id", "nope"], labEnv(lab));
  assertEquals(unknown.code, 3, unknown.stderr);
  assert.ok(unknown.stderr.includes("nope"), unknown.stderr);
  assertEquals(unknown.stdout, "");
});

Deno.test("--from-export without --config says how to save the configuration", async () => {
  const ran = await runCli(["export", "--from-export", "tasks.json"]);
  assertEquals(ran.code, 2);
  assert.ok(
    ran.stderr.includes("save it with: lab-masks config --project-id <id> > config.json"),
    ran.stderr,
  );
});
