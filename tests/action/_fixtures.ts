/**
 * What the tests of Action runs share: a mask as browsers write it, the inputs that point the
 * Action at a fake lab, and readers of what a run left (annotations, mask files).
 *
 * @module
 */
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import type { FakeLab } from "../../testing/fake_lab.ts";
import { writeMaskPng } from "../../testing/mask_png.ts";
import { listFiles } from "../_fixtures/temp_dir.ts";
import type { ActionRun } from "./_composite.ts";

/**
 * A 2×1 mask as browsers write it: one pixel of instance `instance` of the label whose bChannel
 * is `bChannel`, and one background pixel.
 */
export function maskOf(instance: number, bChannel: number): string {
  const data = new Uint8Array([instance, instance, bChannel, 255, 0, 0, 0, 0]);
  return encodeDataUri(writeMaskPng({ width: 2, height: 1, data }, { colourType: 6 }));
}

/** One car pixel (instance 1, bChannel 1) and one background pixel. */
export const GOOD_MASK: string = maskOf(1, 1);

/** The credentials and endpoint inputs of a workflow using this fake lab. */
export function labInputs(lab: FakeLab): Record<"access-id" | "secret-key" | "endpoint", string> {
  return { "access-id": lab.accessId, "secret-key": lab.secretKey, endpoint: lab.url };
}

/** The mask files of an export folder (not its manifest and metadata). */
export async function masksIn(folder: string): Promise<string[]> {
  return (await listFiles(folder)).filter((file) => file.endsWith(".png"));
}

/** The `::error` or `::warning` lines a run printed, in order. */
export function annotations(run: ActionRun, kind: "error" | "warning"): string[] {
  return run.stdout.split("\n").filter((line) => line.startsWith(`::${kind}`));
}
