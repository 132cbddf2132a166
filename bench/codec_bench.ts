/**
 * `deno bench -A --config bench/deno.json bench/`: each step of a mask's conversion on its own,
 * on one 1920×1080 RGBA mask and one RGB mask from the benchmark pool. Groups compare the ways a
 * step can be done.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { inflateSync as nodeInflateSync } from "node:zlib";
import { createHash } from "node:crypto";
import { classTable } from "../lib/detect/class_table.ts";
import { runMaskJob } from "../lib/export/_mask_job.ts";
import { convertMask } from "../lib/export/convert_mask.ts";
import { maskStats } from "../lib/model/mask_stats.ts";
import { filterScanlines } from "../lib/png/_filter.ts";
import { checkPng } from "../lib/png/inflate_png.ts";
import { withKernels } from "../lib/png/kernels.ts";
import { unfilterRows } from "../lib/png/_unfilter.ts";
import { crc32, inflate, inflateSync } from "../lib/flate/zlib.ts";
import { InflateStream } from "../lib/flate/inflate_stream.ts";
import { decodePng } from "../lib/png/decode_png.ts";
import { encodePng } from "../lib/png/encode_png.ts";
import { decodeDataUri } from "../lib/raster/mask_data_uri.ts";
import { BENCH_LABELS } from "./_bench_project.ts";
import { maskPool } from "./_mask_pool.ts";
import { transcode } from "./_sdk_baseline.ts";

const pool = await maskPool({ count: 3 });
const [rgba, , rgb] = pool.map((mask) => mask.uri);
const rgbaPng = decodeDataUri(rgba);
const rgbaChecked = checkPng(rgbaPng, undefined);
const rgbaScanlines = inflateSync(rgbaChecked.compressed, {
  maxOutputLength: rgbaChecked.totalBytes,
});
const image = await decodePng(rgbaPng);
const payload = rgba.slice(rgba.indexOf(",") + 1);

Deno.bench("base64: Uint8Array.fromBase64, as decodeDataUri() does", () => {
  Uint8Array.fromBase64(payload);
});

Deno.bench("CRC-32 of the mask file (node:zlib)", () => {
  crc32(rgbaPng);
});

Deno.bench("inflate RGBA: 256 KiB strips in kernel memory", {
  group: "inflate",
  baseline: true,
}, () => {
  withKernels(256 * 1024, (_kernels, memory) => {
    using stream = new InflateStream(rgbaChecked.compressed);
    while (stream.read(memory.subarray(0, 256 * 1024)) === 256 * 1024) { /* next strip */ }
  });
});
Deno.bench("inflate RGBA: whole, into kernel memory", { group: "inflate" }, () => {
  withKernels(rgbaChecked.totalBytes + 1, (_kernels, memory) => {
    using stream = new InflateStream(rgbaChecked.compressed);
    stream.read(memory.subarray(0, rgbaChecked.totalBytes + 1));
  });
});
Deno.bench("inflate RGBA: inflateSync sized to the image", { group: "inflate" }, () => {
  inflateSync(rgbaChecked.compressed, { maxOutputLength: rgbaChecked.totalBytes });
});
Deno.bench("inflate RGBA: node:zlib inflateSync, defaults", { group: "inflate" }, () => {
  nodeInflateSync(rgbaChecked.compressed);
});
Deno.bench("inflate RGBA: node:zlib inflate (thread pool)", { group: "inflate" }, async () => {
  await inflate(rgbaChecked.compressed, { maxOutputLength: rgbaChecked.totalBytes });
});

Deno.bench("unfilter RGBA: JavaScript loop", { group: "unfilter" }, () => {
  const { rowBytes, height } = rgbaChecked.passes[0];
  const above = new Uint8Array(rowBytes);
  unfilterRows(rgbaScanlines.slice(), { at: 0, rows: height, rowBytes, bytesPerPixel: 4, above });
});
Deno.bench("unfilter RGBA: copy only (the floor)", { group: "unfilter", baseline: true }, () => {
  rgbaScanlines.slice();
});

const table = classTable(BENCH_LABELS);
Deno.bench("statistics: maskStats (the census kernel)", { group: "stats", baseline: true }, () => {
  maskStats(image, table);
});
Deno.bench("statistics: a JavaScript loop over the pixels", { group: "stats" }, () => {
  const firstB = new Int16Array(256).fill(-1);
  const bSeen = new Uint8Array(256);
  for (let i = 0; i < image.data.length; i += 3) {
    const r = image.data[i];
    if (r === 0) continue;
    bSeen[image.data[i + 2]] = 1;
    if (firstB[r] < 0) firstB[r] = image.data[i + 2];
  }
});

Deno.bench("SHA-256 of a written mask: node:crypto", { group: "hash", baseline: true }, () => {
  createHash("sha256").update(rgbaPng).digest("hex");
});
Deno.bench("SHA-256 of a written mask: crypto.subtle", { group: "hash" }, async () => {
  await crypto.subtle.digest("SHA-256", rgbaPng as BufferSource);
});

for (const filter of ["up", "sub", "none"] as const) {
  Deno.bench(`filter RGB: ${filter}`, { group: "filter", baseline: filter === "up" }, () => {
    filterScanlines(image.data, { rowBytes: image.width * 3, bytesPerPixel: 3, filter });
  });
}

Deno.bench("decodePng RGBA", { group: "whole" }, async () => {
  await decodePng(rgbaPng);
});
Deno.bench("encodePng RGB (Up, level 2)", { group: "whole" }, async () => {
  await encodePng(image);
});
Deno.bench("convertMask RGBA", { group: "whole", baseline: true }, async () => {
  await convertMask(rgba);
});
Deno.bench("convertMask RGB (written unchanged after the check)", { group: "whole" }, async () => {
  await convertMask(rgb);
});
for (const [name, mask] of [["RGBA", rgba], ["RGB", rgb]]) {
  Deno.bench(
    `runMaskJob ${name}, rgb format (+ statistics, hash)`,
    { group: "whole" },
    async () => {
      const job = { mask: { kind: "png", bytes: decodeDataUri(mask) } as const, table };
      await runMaskJob({ ...job, file: "a.png", format: "rgb" });
    },
  );
}
Deno.bench("sharp RGBA decode + encode (the yardstick)", { group: "whole" }, async () => {
  await transcode(Buffer.from(payload, "base64"));
});
