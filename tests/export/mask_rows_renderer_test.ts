import assert from "../_std/assert.ts";
import { assertSameData } from "../_std/same_bytes.ts";
import { classTable } from "../../lib/detect/class_table.ts";
import { maskRowsRenderer } from "../../lib/export/_mask_rows_renderer.ts";
import { MASK_FORMATS, renderMask } from "../../lib/export/mask_format.ts";
import { maskStats } from "../../lib/model/mask_stats.ts";
import { decodePng } from "../../lib/png/decode_png.ts";
import type { RgbImage } from "../../lib/png/rgb_image.ts";
import { drawMask } from "../../testing/mask_png.ts";

const TABLE = classTable([
  { id: "car", name: "Car", color: "#ff0000", bChannel: 1 },
  { id: "person", name: "Person", bChannel: 2 },
  { id: "sign/post", name: "Sign", bChannel: 9 },
]);
const MAPPING = new Map<number, [number, number, number]>([[1, [9, 8, 7]]]);

/** 300×400, with "person" first seen at row 350, and a bChannel no label has. */
function scene(): RgbImage {
  const rgba = drawMask({ width: 300, height: 400 }, [
    { id: 3, bChannel: 1, circle: [150, 150, 100] },
    { id: 254, bChannel: 9, rect: [0, 0, 60, 400] },
    { id: 7, bChannel: 5, rect: [297, 1, 300, 400] },
    { id: 20, bChannel: 2, rect: [100, 350, 250, 380] },
  ]);
  const data = new Uint8Array(300 * 400 * 3);
  for (let p = 0; p < 300 * 400; p++) data.set(rgba.data.subarray(p * 4, p * 4 + 3), p * 3);
  return { width: 300, height: 400, data };
}

function renderInStrips(image: RgbImage, format: (typeof MASK_FORMATS)[number], rows: number) {
  const { width, height } = image;
  const renderer = maskRowsRenderer("a/b.png", image, {
    format,
    table: TABLE,
    colourByBChannel: MAPPING,
  });
  try {
    for (let first = 0; first < height; first += rows) {
      const count = Math.min(rows, height - first);
      // A copy per strip: the renderer may change the strip's bytes (rgb recolours in place).
      const data = image.data.slice(first * width * 3, (first + count) * width * 3);
      renderer.takeRows({ data, first, count });
    }
    return renderer.end(maskStats(image, TABLE).labels);
  } finally {
    renderer.close();
  }
}

Deno.test("maskRowsRenderer() writes every format's bytes in strips of any size as renderMask() does whole", async (t) => {
  const image = scene();
  const stats = maskStats(image, TABLE);
  for (const format of MASK_FORMATS) {
    await t.step(format, async () => {
      const whole = await renderMask(image, "a/b.png", {
        format,
        table: TABLE,
        colourByBChannel: MAPPING,
        stats,
      });
      for (const rows of [1, 7, 64, 400]) {
        const strips = renderInStrips(image, format, rows);
        assert.deepEqual(strips.map((file) => file.path), whole.map((file) => file.path));
        for (const [i, file] of strips.entries()) {
          assertSameData(file.bytes, whole[i].bytes, `${file.path} in strips of ${rows}`);
        }
      }
    });
  }
});

Deno.test("maskRowsRenderer() gives a binary label first seen far down zero rows above it", async () => {
  const image = scene();
  const files = renderInStrips(image, "binary", 16);
  assert.deepEqual(files.map((file) => file.path), [
    "a/b/car.png",
    "a/b/person.png",
    "a/b/sign_post.png",
  ]);
  const person = await decodePng(files[1].bytes);
  for (let y = 0; y < 400; y++) {
    for (let x = 0; x < 300; x++) {
      const inside = x >= 100 && x < 250 && y >= 350 && y < 380;
      assert.equal(person.data[(y * 300 + x) * 3], inside ? 255 : 0, `pixel ${x}, ${y}`);
    }
  }
});
