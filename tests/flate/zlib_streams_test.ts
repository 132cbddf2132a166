import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { transcodePng } from "../../lib/raster/transcode_png.ts";
import { DeflateStream } from "../../lib/flate/deflate_stream.ts";
import { adler32Of, InflateStream } from "../../lib/flate/inflate_stream.ts";
import { forceWholeBuffers } from "../../lib/flate/_zlib_handles.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import { encodePng } from "../../lib/png/encode_png.ts";
import { drawMask, writeMaskPng } from "../../testing/mask_png.ts";

const FLAVOURS = new URL("../testdata/png-flavours/", import.meta.url);
const MAPPING = new Map<number, [number, number, number]>([[2, [9, 8, 7]], [9, [1, 2, 250]]]);

Deno.test("the zlib streams drive node:zlib's handle, so a runtime upgrade cannot slow exports unseen", () => {
  const empty = new Uint8Array([0x78, 0x9c, 3, 0, 0, 0, 0, 1]);
  using inflate = new InflateStream(empty);
  // The fast path's masks: raw deflate data, their check summed by the caller.
  using raw = new InflateStream(empty, { adler: adler32Of });
  using deflate = new DeflateStream({ level: 6 });
  const hint = "node:zlib's stream handle is gone: masks fall back to whole buffers (slower, " +
    "more memory); adapt lib/flate/_zlib_handles.ts to the runtime";
  assert.equal(inflate.piecewise, true, hint);
  assert.equal(raw.piecewise && raw.callerChecks, true, hint);
  assert.equal(deflate.piecewise, true, hint);
});

Deno.test("the zlib streams' fallback writes the same bytes as the fast path", async (t) => {
  const flavours: { file: string }[] = JSON.parse(
    await Deno.readTextFile(new URL("index.json", FLAVOURS)),
  );
  const pngs = new Map<string, Uint8Array>();
  for (const { file } of flavours) pngs.set(file, await Deno.readFile(new URL(file, FLAVOURS)));
  const image = drawMask({ width: 301, height: 97 }, [
    { id: 3, bChannel: 2, circle: [150, 48, 40] },
    { id: 254, bChannel: 9, rect: [0, 0, 80, 97] },
  ]);
  pngs.set("rgba mask", writeMaskPng(image, { colourType: 6, filter: "cycle" }));
  pngs.set("rgb mask", writeMaskPng(image, { colourType: 2, filter: "cycle" }));
  for (const [name, png] of pngs) {
    await t.step(name, async () => {
      const fast = await everyOutput(png);
      forceWholeBuffers(true);
      try {
        using probe = new InflateStream(png);
        assert.equal(probe.piecewise, false, "the fallback is taken");
        assertSameData(await everyOutput(png), fast);
      } finally {
        forceWholeBuffers(false);
      }
    });
  }
});

/** Every byte the codec produces from `png`: decoded pixels, transcoded and re-encoded files. */
async function everyOutput(png: Uint8Array): Promise<Uint8Array[]> {
  const decoded = await decodePng(png);
  return [
    decoded.data,
    await transcodePng(png),
    await transcodePng(png, { colourByBChannel: MAPPING }),
    await encodePng(decoded),
  ];
}
