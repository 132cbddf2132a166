/**
 * The projects the pinned class map's tests export: labels, configurations that reorder, extend
 * and lose them, masks holding each, and an export run against a fake lab that returns its error.
 *
 * @module
 */

import type { Label, Task } from "../../lib/api/types.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import { type RecordedRequest, startFakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { clientOf } from "../_fixtures/lab_client.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { maskTask, segmentationConfiguration } from "../_fixtures/project.ts";

const CAR: Label = { id: "car", name: "Car", color: "#ff0000", bChannel: 1 };
const PERSON: Label = { id: "person", name: "Person", color: "#00ff00", bChannel: 2 };
const ROAD: Label = { id: "road", name: "Road", color: "#0000ff", bChannel: 3 };
const BIKE: Label = { id: "bike", name: "Bike", color: "#ffff00", bChannel: 4 };
/** The first configuration. */
export const FIRST: Label[] = [CAR, PERSON, ROAD];
/** The first reordered and extended. */
export const REORDERED: Label[] = [BIKE, ROAD, CAR, PERSON];
/** A configuration without `person`. */
export const WITHOUT_PERSON: Label[] = [ROAD, BIKE, CAR];

/** A mask of one row: background, then one pixel of each bChannel given. */
export function maskOf(bChannels: number[]): string {
  const pixels = [[0, 0, 0], ...bChannels.map((b, i) => [i + 1, i + 1, b])];
  const data = new Uint8Array(pixels.flat());
  return encodeDataUri(writeMaskPng({ width: pixels.length, height: 1, data }, { colourType: 2 }));
}

/** Two tasks updated at `updatedAt`: one holding car, person and road, one road and car. */
export function tasksOf(updatedAt: string): Task[] {
  return [
    { ...maskTask("t1", "a.jpg", maskOf([1, 2, 3])), updatedAt },
    { ...maskTask("t2", "b.jpg", maskOf([3, 1])), updatedAt },
  ];
}

/** Exports project `p1` of a fake lab: its summary, or the error it threw, and the requests. */
export async function run(labels: Label[], tasks: Task[], options: Partial<ExportMasksOptions>) {
  await using lab = await startFakeLab({
    projects: [{ configuration: segmentationConfiguration("p1", labels), tasks }],
  });
  const requests = lab.requests as RecordedRequest[];
  try {
    const export_ = exportMasks({ client: clientOf(lab), projectId: "p1", ...options });
    const summary = await withDeadline(export_, 60_000, "the export");
    return { summary, requests };
  } catch (error) {
    return { error, requests };
  }
}

/** The first row of a class-index PNG, each pixel's index. */
export async function indicesOf(path: string): Promise<number[]> {
  const image = await decodePng(await Deno.readFile(path));
  return Array.from({ length: image.width }, (_, x) => image.data[x * 3]);
}

/** An export folder's `labelmap.json`, parsed. */
export async function labelmapOf(folder: string) {
  return JSON.parse(await Deno.readTextFile(`${folder}/labelmap.json`));
}

/** A class map's index of each label id. */
export function indexById(labelmap: { classes: { id: string; index: number }[] }) {
  return Object.fromEntries(labelmap.classes.map((entry) => [entry.id, entry.index]));
}

/** When the tasks were last updated, before any export. */
export const OLD = "2024-12-01T00:00:00.000Z";
