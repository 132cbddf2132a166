// Manifest lines edited at random (a field dropped, or given another type, at any depth): every
// command that reads a manifest back either works or refuses it with a message of its own (exit
// 2), never with an unexpected failure or a message that shows `undefined`, `NaN` or an object.
import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { seededRandom } from "../../testing/seeded_random.ts";
import { maskTask, segmentationProject } from "../_fixtures/project.ts";
import { exportOnce } from "../_fixtures/export_project.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { labEnv, runCli } from "../_fixtures/run_cli.ts";

const EDITS = 24;

const random = seededRandom(44);
const below = (n: number) => Math.floor(random() * n);

/** Values of every JSON type, and strings a path or a number would choke on. */
const ODD_VALUES: unknown[] = [
  null,
  12345678901234567890,
  -1,
  1.5,
  "",
  "x",
  "../../etc/passwd",
  "\u0000\ud800",
  [],
  {},
  [1, "a"],
  { "1": 2 },
  true,
];

/** Drops a field or gives it an odd value, at a depth drawn at random. */
function edit(value: unknown, depth = 0): unknown {
  const container = typeof value === "object" && value !== null;
  const keys = container ? Object.keys(value) : [];
  if (keys.length === 0 || (depth > 0 && random() < 0.3)) {
    return ODD_VALUES[below(ODD_VALUES.length)];
  }
  const record = value as Record<string, unknown>;
  const key = keys[below(keys.length)];
  if (!Array.isArray(value) && random() < 0.2) delete record[key];
  else record[key] = edit(record[key], depth + 1);
  return value;
}

function tasks(): Task[] {
  return Array.from({ length: 4 }, (_, i) => {
    const data = new Uint8Array([1 + i, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 2]);
    const mask = encodeDataUri(writeMaskPng({ width: 2, height: 2, data }, { colourType: 2 }));
    return maskTask(`t${i}`, `f${i}.jpg`, mask);
  });
}

Deno.test("verify, diff and export --incremental answer a manifest edited at random with a result or a message of their own", async () => {
  const project = segmentationProject("p1", tasks());
  await using lab = await startFakeLab({ projects: [project] });
  await using dir = await tempDir();
  await exportOnce(project, `${dir.path}/sound`, {
    split: [{ name: "train", percent: 50 }, { name: "val", percent: 50 }],
  });
  const sound = `${dir.path}/sound/out`;
  const lines = (await Deno.readTextFile(`${sound}/manifest.jsonl`)).trimEnd().split("\n");
  const codes = new Set<number>();
  for (let i = 0; i < EDITS; i++) {
    const folder = `${dir.path}/edit-${i}`;
    await Deno.mkdir(folder);
    for await (const entry of Deno.readDir(sound)) {
      if (entry.isFile) await Deno.copyFile(`${sound}/${entry.name}`, `${folder}/${entry.name}`);
    }
    const at = below(lines.length);
    const edited = [...lines];
    edited[at] = JSON.stringify(edit(JSON.parse(lines[at])));
    await Deno.writeTextFile(`${folder}/manifest.jsonl`, edited.join("\n") + "\n");
    for (
      const command of [["verify", folder], ["diff", sound, folder], [
        "export",
        "--incremental",
        folder,
      ]]
    ) {
      const ran = await runCli(command, labEnv(lab));
      const said = `${command[0]} after line ${at + 1} became ${edited[at]}:\n${ran.stderr}`;
      assert.ok([0, 1, 2].includes(ran.code), said);
      assert.doesNotMatch(
        ran.stdout + ran.stderr,
        /unexpected failure|undefined|NaN|\[object /,
        said,
      );
      codes.add(ran.code);
    }
  }
  // Some edits were refused, and some let through (a field no command reads, or one with its type).
  assert.ok(codes.has(2) && codes.has(0), [...codes].join());
});
