/**
 * A PNG reader for tests, written from the PNG specification rather than from `lib/raster`: the
 * chunks, zlib's inflate (node:zlib) and the five row filters, for 8- and 16-bit samples.
 *
 * @module
 */
import { inflateSync } from "node:zlib";

/** A PNG's raw samples and header, read independently of `lib/raster`. */
export async function rawPng(path: string) {
  const bytes = await Deno.readFile(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const [bitDepth, colourType] = [bytes[24], bytes[25]];
  const idat: Uint8Array[] = [];
  let palette: number[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === "IDAT") idat.push(data);
    if (type === "PLTE") palette = [...data];
    at += 12 + length;
  }
  const inflated = inflateSync(new Uint8Array(idat.flatMap((chunk) => [...chunk])));
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colourType];
  const bytesPerPixel = (channels * bitDepth) / 8;
  const rowBytes = width * bytesPerPixel;
  const rows: number[][] = [];
  let previous = new Array(rowBytes).fill(0);
  for (let y = 0; y < height; y++) {
    const filter = inflated[y * (rowBytes + 1)];
    const row: number[] = [];
    for (let x = 0; x < rowBytes; x++) {
      const raw = inflated[y * (rowBytes + 1) + 1 + x];
      const a = x >= bytesPerPixel ? row[x - bytesPerPixel] : 0;
      const b = previous[x];
      const c = x >= bytesPerPixel ? previous[x - bytesPerPixel] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
        ? a
        : Math.abs(p - b) <= Math.abs(p - c)
        ? b
        : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      row.push((raw + predictor) & 0xff);
    }
    rows.push(row);
    previous = row;
  }
  const samples = rows.flatMap((row) =>
    bitDepth === 16
      ? row.filter((_, i) => i % 2 === 0).map((high, i) => high * 256 + row[2 * i + 1])
      : row
  );
  return { width, height, bitDepth, colourType, palette, samples };
}
