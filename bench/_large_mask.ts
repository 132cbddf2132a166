/**
 * The benchmark's large masks: one RGBA mask of any size (10000×10000, 100 megapixels, the pixel
 * limit, by default), as a canvas writes it, and the projects of one and of eight tasks holding it.
 *
 * @module
 */

import { deflateSync } from "node:zlib";
import { writePng } from "../lib/png/_chunks.ts";
import { encodeDataUri } from "../lib/raster/mask_data_uri.ts";
import type { FakeProject } from "../testing/fake_lab.ts";
import { BENCH_BCHANNELS } from "./_mask_pool.ts";
import { benchProject } from "./_bench_project.ts";

/**
 * The id of the project of `count` large masks.
 *
 * @param count The number of tasks.
 * @returns The project id, e.g. `large_8`.
 */
export function largeProjectId(count: number): string {
  return `large_${count}`;
}

/**
 * Builds a project of `count` tasks, each holding the same `width`×`height` RGBA mask: four
 * horizontal bands, each one instance of one label on the left half, background elsewhere.
 *
 * @param count The number of tasks.
 * @param size The mask's size.
 * @returns The project, ready for `startFakeLab`.
 */
export function largeProject(
  count: number,
  size: { width: number; height: number },
): FakeProject {
  const uri = encodeDataUri(largeMaskPng(size.width, size.height));
  const project = benchProject(
    count,
    [{ flavour: "rgba", instances: 4, uri, repeatedRows: 1 }],
    size,
  );
  const projectId = largeProjectId(count);
  project.configuration.projectId = projectId;
  for (const task of project.tasks) task.projectId = projectId;
  return project;
}

function largeMaskPng(width: number, height: number): Uint8Array {
  const stride = 1 + width * 4;
  const bands = BENCH_BCHANNELS.map((bChannel, band) => {
    const row = new Uint8Array(stride);
    for (let x = 0; x < width >> 1; x++) row.set([band + 1, 0, bChannel, 255], 1 + 4 * x);
    return row;
  });
  const lines = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    lines.set(bands[Math.floor((y * bands.length) / height)], y * stride);
  }
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8);
  return writePng([
    { type: "IHDR", data: header },
    { type: "IDAT", data: deflateSync(lines, { level: 6 }) },
    { type: "IEND", data: new Uint8Array(0) },
  ]);
}
