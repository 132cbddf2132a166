/**
 * Readers for the one-file formats' tests: a zip reader written from the zip format's description
 * (not from our writer), and a fake lab serving one project.
 *
 * @module
 */
import { inflateRawSync } from "node:zlib";
import type { Label, ProjectConfiguration, Task } from "../../lib/api/types.ts";
import { type FakeLab, startFakeLab } from "../../testing/fake_lab.ts";
import { labEnv, type Ran, runCli } from "../_fixtures/run_cli.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { exportMasks } from "../../lib/export/export_masks.ts";

/** Every file of a zip archive, by name, read through its central directory. */
export function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  let count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff) {
    // ZIP64: the locator before the end record points at the ZIP64 end record.
    const record = Number(view.getBigUint64(end - 20 + 8, true));
    count = Number(view.getBigUint64(record + 32, true));
    at = Number(view.getBigUint64(record + 48, true));
  }
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(dataAt, dataAt + compressedSize);
    files.set(name, new TextDecoder().decode(method === 8 ? inflateRawSync(data) : data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** Labels in two lists, one main list showing both: car, person (objects), road (ground). */
export const LISTED_LABELS: Record<string, Label[]> = {
  objects: [
    { id: "car", name: "Car", color: "#e6194b", bChannel: 1 },
    { id: "person", name: "Person", color: "#3cb44b", bChannel: 2 },
  ],
  ground: [{ id: "road", name: "Road", color: "#4363d8", bChannel: 3 }],
};

/** A configuration of `projectType` with the listed labels; main list "Things" shows ground first. */
export function configurationOf(
  projectId: string,
  projectType: string,
  extra: { sequence?: boolean } = {},
): ProjectConfiguration {
  return {
    projectId,
    projectType,
    metadata: {
      toolOptions: { sequence: extra.sequence ?? false },
      labelOptions: {
        mainLists: [{ name: "Things", keys: ["ground", "objects"] }],
        availableLabels: LISTED_LABELS,
      },
    },
  };
}

/** A fake lab serving one project. */
export function labOf(configuration: ProjectConfiguration, tasks: Task[]): Promise<FakeLab> {
  return startFakeLab({ projects: [{ configuration, tasks }] });
}

/**
 * Runs `export --format coco` of `projectId` into `folder/fileName` against `lab`, with `more`
 * flags after.
 */
export function runCocoExport(
  lab: FakeLab,
  projectId: string,
  file: { folder: string; name: string },
  more: string[] = [],
): Promise<Ran> {
  return runCli(
    [
      "export",
      "--project-id",
      projectId,
      "--format",
      "coco",
      "--output-folder",
      file.folder,
      "--output-filename",
      file.name,
      ...more,
    ],
    labEnv(lab),
  );
}

/** What the COCO shard tests read of a COCO file. */
export interface CocoShard {
  /** The images, numbered from 1. */
  images: { id: number; lab_task_id: string; file_name: string }[];
  /** The annotations. */
  annotations: { id: number }[];
}

/**
 * Exports `projectId` with format coco in `count` shards (`exportMasks()`, files
 * `shard<index>.json` in `folder`) and reads each shard's file; a shard given no task writes none.
 */
export async function cocoShards(
  lab: FakeLab,
  projectId: string,
  options: { folder: string; count: number },
): Promise<CocoShard[]> {
  const shards: CocoShard[] = [];
  for (let index = 1; index <= options.count; index++) {
    const summary = await exportMasks({
      client: clientOf(lab),
      projectId,
      format: "coco",
      shard: { index, count: options.count },
      outputFolder: options.folder,
      outputFilename: `shard${index}.json`,
    });
    if (!summary.folderCreated) continue;
    shards.push(JSON.parse(await Deno.readTextFile(summary.file!)));
  }
  return shards;
}

/** An annotation with these label ids and polygons (each a vertex list, with an optional type). */
export function annotation(
  id: string,
  labelIds: string[],
  polygons: { vertices: number[]; type?: string }[],
  where: "polygons" | "approximation" = "polygons",
): Record<string, unknown> {
  const shapes = polygons.map(({ vertices, type }) => ({
    geometry: type === undefined ? { vertices } : { type, vertices },
  }));
  return {
    id,
    labels: labelIds.length ? { Things: { labels: labelIds.map((label) => ({ id: label })) } } : {},
    ...(where === "polygons"
      ? { polygons: shapes }
      : { approximation: { polygons: shapes, minus: [] } }),
  };
}

/** A task with `body` as its `data.body`. */
export function bodyTask(id: string, name: string, body?: Record<string, unknown>): Task {
  return { _id: id, name, status: "complete", ...(body ? { data: { body } } : {}) };
}
