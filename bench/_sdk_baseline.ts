/**
 * The sequential baseline: exactly what the Python SDK does for `export_tasks(format="mask")`
 * (the lab API spec, "What the SDK's mask export does"), with `sharp` (libvips, native)
 * standing in for OpenCV: pages of 100 one after another with a 0.5 s pause between them, and
 * each page's masks decoded, recoloured and encoded one at a time on one thread.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import sharp from "sharp";
import { BENCH_LABELS, BENCH_MAPPING } from "./_bench_project.ts";

/** Where the baseline exports from and to. */
export interface BaselineOptions {
  /** The fake lab's URL. */
  url: string;
  /** Its access id. */
  accessId: string;
  /** Its secret key. */
  secretKey: string;
  /** The project. */
  projectId: string;
  /** The folder the export folder goes in. */
  folder: string;
  /** Recolour with the benchmark's mapping. */
  mapping: boolean;
}

// The lab API spec, "Tasks": the SDK sleeps 0.5 s between pages and asks 100 per page.
const PAGE_PAUSE_MS = 500;
const PAGE_SIZE = 100;

/**
 * Exports every task's mask the SDK's way; returns when the last file is written.
 *
 * @param options The lab, the project and the output folder.
 */
export async function sdkBaselineExport(options: BaselineOptions): Promise<void> {
  sharp.concurrency(1);
  sharp.cache(false);
  const token = await logIn(options);
  const out = `${options.folder}/export`;
  await Deno.mkdir(`${out}/frames`, { recursive: true });
  const colours = options.mapping ? colourTable() : undefined;
  for (let page = 1;; page++) {
    // The SDK's export_tasks always asks for these (../shared/lab-api.md, task listing).
    const fields =
      "optionalFields=data&optionalFields=data.mask&optionalFields=jobs&optionalFields=metrics";
    const query =
      `projectId=${options.projectId}&pagination=true&page=${page}&limit=${PAGE_SIZE}&${fields}`;
    const response = await fetch(new URL(`api/task-manager/tasks?${query}`, options.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await response.json();
    for (const task of body.docs) {
      const uri: string = task.data.body.mask;
      const png = Buffer.from(uri.slice(uri.indexOf(",") + 1), "base64");
      await Deno.writeFile(`${out}/${task.name}.png`, await transcode(png, colours));
    }
    if (!body.hasNextPage) return;
    await new Promise((resolve) => setTimeout(resolve, PAGE_PAUSE_MS));
  }
}

/**
 * Decodes a PNG as 8-bit RGB and encodes it again with `sharp`, as OpenCV's `imdecode` and
 * `imwrite` do in the SDK (compression level 1, OpenCV's default); with a colour table, the
 * pixels are recoloured in between, as the SDK's numpy code does.
 *
 * @param png The mask's PNG bytes.
 * @param colours 256 × 4 bytes (flag, r, g, b) by blue value, or `undefined`.
 * @returns The PNG to write.
 */
export async function transcode(png: Uint8Array, colours?: Uint8Array): Promise<Uint8Array> {
  if (colours === undefined) {
    return await sharp(png).removeAlpha().png({ compressionLevel: 1 }).toBuffer();
  }
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += 3) {
    const entry = data[i + 2] * 4;
    if (data[i] >= 1 && colours[entry] === 1) {
      data[i] = colours[entry + 1];
      data[i + 1] = colours[entry + 2];
      data[i + 2] = colours[entry + 3];
    }
  }
  const raw = { width: info.width, height: info.height, channels: 3 as const };
  return await sharp(data, { raw }).png({ compressionLevel: 1 }).toBuffer();
}

/**
 * The benchmark mapping as a 256 × 4 table by blue value.
 *
 * @returns The table.
 */
export function colourTable(): Uint8Array {
  const table = new Uint8Array(1024);
  for (const [id, colour] of Object.entries(BENCH_MAPPING)) {
    const label = BENCH_LABELS.find((candidate) => candidate.id === id)!;
    table.set([1, ...colour], label.bChannel! * 4);
  }
  return table;
}

async function logIn(options: BaselineOptions): Promise<string> {
  const response = await fetch(new URL("api/user-manager/auth/login", options.url), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ access_id: options.accessId, secret_key: options.secretKey }),
  });
  return (await response.json()).access_token;
}
