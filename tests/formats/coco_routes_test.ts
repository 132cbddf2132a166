/**
 * The COCO instances of a mask are the same through the kernels' strip reader (which passes over
 * the rows that repeat the row above, and counts no census) as through the general decoder.
 *
 * @module
 */
import assert from "../_std/assert.ts";
import { cocoMaskInstances } from "../../lib/formats/coco_mask_instances.ts";
import { openMaskRows } from "../../lib/png/mask_rows.ts";
import { MaskInstanceScanner } from "../../lib/formats/mask_instance_scanner.ts";
import { cocoRleString } from "../../lib/formats/coco_rle.ts";
import { drawMask, writeMaskPng } from "../../testing/mask_png.ts";

const CLASSES = Uint8Array.from({ length: 256 }, (_, b) => b % 4);

Deno.test("COCO instances are the same from the kernels' strip reader (RGBA rows unpacked) as from the general decoder", () => {
  for (const [width, height] of [[61, 47], [16, 300], [129, 20]]) {
    // Flat bands (rows that repeat) and diagonal shapes (rows that do not).
    const image = drawMask({ width, height }, [
      { id: 3, bChannel: 1, rect: [0, 0, width, Math.floor(height / 3)] },
      { id: 5, bChannel: 2, circle: [width / 2, height / 2, Math.min(width, height) / 3] },
      { id: 9, bChannel: 3, rect: [width - 5, Math.floor(height / 2), width, height] },
      { id: 5, bChannel: 1, rect: [1, height - 4, 6, height] },
    ]);
    // An alpha that varies (as some drawing tools leave it) is no part of an instance.
    const data = image.data.map((byte, i) => i % 4 === 3 ? (i * 7) % 256 : byte);
    const images = [[6, image], [2, image], [6, { ...image, data }]] as const;
    for (const [colourType, drawn] of images) {
      for (const filter of [2, "cycle"] as const) {
        const bytes = writeMaskPng(drawn, { colourType, filter });
        const general = openMaskRows(bytes, { generalDecoder: true });
        const scanner = new MaskInstanceScanner(width, height, CLASSES);
        general.read((strip) => scanner.takeRows(strip));
        const expected = scanner.end().map((instance) => ({
          ...instance,
          counts: cocoRleString(instance.counts),
        }));
        assert.ok(expected.length >= 3);
        const { instances } = cocoMaskInstances({ bytes, classOfBChannel: CLASSES });
        assert.deepEqual(instances, expected, `${width}×${height}, type ${colourType}, ${filter}`);
      }
    }
  }
});

Deno.test("openMaskRows counts no census when not asked, on both routes", () => {
  const image = drawMask({ width: 20, height: 10 }, [{ id: 3, bChannel: 7, rect: [2, 2, 9, 8] }]);
  const bytes = writeMaskPng(image, { colourType: 6, filter: 2 });
  for (const generalDecoder of [false, true]) {
    const counted = openMaskRows(bytes, { generalDecoder }).read(() => {});
    assert.equal(counted.bSeen[7], 1);
    assert.equal(counted.firstB[3], 7);
    const none = openMaskRows(bytes, { generalDecoder, census: false }).read(() => {});
    assert.equal(none.bSeen.some((seen) => seen !== 0), false);
    assert.equal(none.firstB.every((b) => b === -1), true);
  }
});
