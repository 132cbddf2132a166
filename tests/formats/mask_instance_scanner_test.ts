import assert from "../_std/assert.ts";
import { errorWith } from "../_std/error_with.ts";
import { type InstanceRows, MaskInstanceScanner } from "../../lib/formats/mask_instance_scanner.ts";
import { type MaskInstance, maskInstances } from "../../lib/formats/mask_instances.ts";
import { seededRandom } from "../../testing/seeded_random.ts";

/** A mask of boxes with random colours (some unclassed, some with red 0) over diagonal bands. */
function randomMask(width: number, height: number, random: () => number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((x + 2 * y) % 11 < 3) data.set([1 + ((x + y) % 3), 0, 7], 3 * (y * width + x));
    }
  }
  for (let k = 0; k < 12; k++) {
    const colour = [Math.floor(random() * 5), Math.floor(random() * 255), [7, 8, 9][k % 3]];
    const [x0, y0] = [Math.floor(random() * width), Math.floor(random() * height)];
    const [x1, y1] = [x0 + Math.floor(random() * width), y0 + Math.floor(random() * height)];
    for (let y = y0; y < Math.min(y1, height); y++) {
      for (let x = x0; x < Math.min(x1, width); x++) data.set(colour, 3 * (y * width + x));
    }
  }
  return data;
}

/** The reference: each instance's pixels laid out column by column, their runs counted. */
function naiveInstances(
  width: number,
  height: number,
  data: Uint8Array,
  classOf: Uint8Array,
): MaskInstance[] {
  const keys = new Set<number>();
  for (let p = 0; p < width * height; p++) {
    const classIndex = classOf[data[3 * p + 2]];
    if (data[3 * p] > 0 && classIndex > 0) keys.add(data[3 * p] * 256 + classIndex);
  }
  return [...keys].sort((a, b) => a - b).map((key) => {
    const counts: number[] = [];
    let [current, run, area] = [0, 0, 0];
    let [minX, minY, maxX, maxY] = [width, height, -1, -1];
    for (let x = 0; x < width; x++) {
      for (let y = 0; y < height; y++) {
        const p = y * width + x;
        const inside = data[3 * p] * 256 + classOf[data[3 * p + 2]] === key ? 1 : 0;
        if (inside !== current) (counts.push(run), run = 0, current = inside);
        run++;
        if (inside) {
          area++;
          [minX, minY] = [Math.min(minX, x), Math.min(minY, y)];
          [maxX, maxY] = [Math.max(maxX, x), Math.max(maxY, y)];
        }
      }
    }
    counts.push(run);
    return {
      instanceId: key >> 8,
      classIndex: key & 255,
      counts,
      area,
      bbox: [minX, minY, maxX - minX + 1, maxY - minY + 1],
    };
  });
}

const CLASSES = new Uint8Array(256);
CLASSES[7] = 1;
CLASSES[8] = 2;

Deno.test("MaskInstanceScanner gives each instance's column-major runs, area and box, in any strips", () => {
  const random = seededRandom(29);
  // Widths whose rows are and are not whole 32-bit words; strips of 1 row up to the whole mask.
  for (const [width, height, strip] of [[37, 23, 1], [40, 31, 5], [3, 9, 4], [53, 2, 2]]) {
    const data = randomMask(width, height, random);
    const expected = naiveInstances(width, height, data, CLASSES);
    assert.ok(expected.length >= 2, `the ${width}×${height} mask has several instances`);
    const scanner = new MaskInstanceScanner(width, height, CLASSES);
    for (let first = 0; first < height; first += strip) {
      const count = Math.min(strip, height - first);
      const rows = data.subarray(first * width * 3, (first + count) * width * 3);
      scanner.takeRows({ data: rows, first, count });
    }
    assert.deepEqual(scanner.end(), expected, `${width}×${height} in strips of ${strip}`);
    assert.deepEqual(
      maskInstances({ width, height, data }, CLASSES),
      expected,
      `${width}×${height} whole`,
    );
  }
});

Deno.test("MaskInstanceScanner joins a run that goes on from a column's foot to the next one's head", () => {
  // 2×2, both pixels of column 0's foot and column 1's head set: one run of 2 from pixel 1.
  const data = new Uint8Array([0, 0, 0, 5, 5, 7, 5, 5, 7, 0, 0, 0]);
  const scanner = new MaskInstanceScanner(2, 2, CLASSES);
  scanner.takeRows({ data, first: 0, count: 2 });
  const [instance] = scanner.end();
  assert.deepEqual(instance.counts, [1, 2, 1]);
  assert.deepEqual(instance.bbox, [0, 0, 2, 2]);
  assert.equal(instance.area, 2);
});

Deno.test("MaskInstanceScanner passes over rows marked as repeating the row above, with the same instances", () => {
  const random = seededRandom(31);
  for (const [width, height, strip] of [[37, 23, 4], [40, 31, 31], [5, 12, 1]]) {
    const data = randomMask(width, height, random);
    // Repeat some rows (and the first, all zeros: it repeats the zeros above the image).
    const rowBytes = width * 3;
    data.fill(0, 0, rowBytes);
    for (let y = 1; y < height; y++) {
      if (random() < 0.4) data.copyWithin(y * rowBytes, (y - 1) * rowBytes, y * rowBytes);
    }
    const repeats = Uint8Array.from({ length: height }, (_, y) => {
      const row = data.subarray(y * rowBytes, (y + 1) * rowBytes);
      const above = y === 0
        ? new Uint8Array(rowBytes)
        : data.subarray((y - 1) * rowBytes, y * rowBytes);
      return row.every((byte, i) => byte === above[i]) ? 1 : 0;
    });
    assert.ok(repeats.filter((r) => r === 1).length >= 3, "some rows repeat");
    const expected = naiveInstances(width, height, data, CLASSES);
    const scanner = new MaskInstanceScanner(width, height, CLASSES);
    for (let first = 0; first < height; first += strip) {
      const count = Math.min(strip, height - first);
      // The marked rows' bytes are not read: they are overwritten here.
      const rows = data.slice(first * rowBytes, (first + count) * rowBytes);
      for (let r = 0; r < count; r++) {
        if (repeats[first + r] === 1) rows.fill(0xee, r * rowBytes, (r + 1) * rowBytes);
      }
      scanner.takeRows({
        data: rows,
        first,
        count,
        repeats: repeats.subarray(first, first + count),
      });
    }
    assert.deepEqual(scanner.end(), expected, `${width}×${height} in strips of ${strip}`);
  }
});

Deno.test("MaskInstanceScanner told where rows differ (as the kernels' reader tells it) finds the same instances", () => {
  const random = seededRandom(37);
  for (const [width, height, strip] of [[37, 23, 4], [40, 31, 31], [64, 20, 1], [5, 12, 3]]) {
    const data = randomMask(width, height, random);
    const rowBytes = width * 3;
    const expected = naiveInstances(width, height, data, CLASSES);
    const scanner = new MaskInstanceScanner(width, height, CLASSES);
    let asked = 0;
    for (let first = 0; first < height; first += strip) {
      const count = Math.min(strip, height - first);
      const rows = data.subarray(first * rowBytes, (first + count) * rowBytes);
      const differsFrom = (row: number, from: number) => {
        asked++;
        let at = from;
        while (at < rowBytes && rows[row * rowBytes + at] === rows[(row - 1) * rowBytes + at]) at++;
        return at;
      };
      scanner.takeRows({ data: rows, first, count, differsFrom });
    }
    assert.deepEqual(scanner.end(), expected, `${width}×${height} in strips of ${strip}`);
    assert.ok(strip === 1 || asked > 0, "the scanner asked where rows differ");
  }
});

Deno.test("MaskInstanceScanner told where each strip's first row differs from the strip before's last asks for it, with the same instances", () => {
  const random = seededRandom(43);
  for (const [width, height, strip] of [[37, 23, 4], [40, 31, 31], [64, 20, 1], [5, 12, 3]]) {
    const data = randomMask(width, height, random);
    const rowBytes = width * 3;
    const expected = naiveInstances(width, height, data, CLASSES);
    // Every strip told so, and every other one (the others' first rows compared by the scanner).
    for (const told of [() => true, (first: number) => first % (2 * strip) === 0]) {
      const scanner = new MaskInstanceScanner(width, height, CLASSES);
      const firstRowsAsked = new Set<number>();
      for (let first = 0; first < height; first += strip) {
        const count = Math.min(strip, height - first);
        const differsFrom = (row: number, from: number) => {
          if (row === 0) firstRowsAsked.add(first);
          // Above the mask's first row: zeros.
          const above = (at: number) =>
            first + row === 0 ? 0 : data[(first + row - 1) * rowBytes + at];
          let at = from;
          while (at < rowBytes && data[(first + row) * rowBytes + at] === above(at)) at++;
          return at;
        };
        const rows = data.subarray(first * rowBytes, (first + count) * rowBytes);
        scanner.takeRows({ data: rows, first, count, differsFrom, firstDiffers: told(first) });
      }
      const strips = Math.ceil(height / strip);
      const label = `${width}×${height} in strips of ${strip}`;
      assert.deepEqual(scanner.end(), expected, label);
      assert.equal(firstRowsAsked.size, told(strip) ? strips : Math.ceil(strips / 2), label);
    }
  }
});

/** The mask's rows as RGBA (random alpha), each after `gap` bytes of junk, as the kernels keep them. */
function spacedRgba(
  data: Uint8Array,
  width: number,
  height: number,
  gap: number,
  random: () => number,
) {
  const stride = width * 4 + gap;
  const rgba = new Uint8Array(height * stride).fill(0xa5);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rgba.set(data.subarray(3 * (y * width + x), 3 * (y * width + x) + 3), y * stride + 4 * x);
      rgba[y * stride + 4 * x + 3] = Math.floor(random() * 256);
    }
  }
  return { rgba, stride };
}

Deno.test("MaskInstanceScanner reads RGBA rows and rows apart, the alpha unread, with the instances of their RGB", () => {
  const random = seededRandom(41);
  for (
    const [width, height, strip, gap] of [[37, 23, 4, 1], [40, 31, 31, 0], [5, 12, 1, 3], [
      64,
      20,
      6,
      1,
    ]]
  ) {
    const data = randomMask(width, height, random);
    const expected = naiveInstances(width, height, data, CLASSES);
    const { rgba, stride } = spacedRgba(data, width, height, gap, random);
    for (const told of [false, true]) {
      const scanner = new MaskInstanceScanner(width, height, CLASSES);
      for (let first = 0; first < height; first += strip) {
        const count = Math.min(strip, height - first);
        const rows = rgba.subarray(first * stride);
        const differsFrom = (row: number, from: number) => {
          let at = from;
          while (at < width * 4 && rows[row * stride + at] === rows[(row - 1) * stride + at]) at++;
          return at;
        };
        scanner.takeRows({
          data: rows,
          first,
          count,
          channels: 4,
          stride,
          ...(told ? { differsFrom } : {}),
        });
      }
      const label = `${width}×${height} RGBA ${stride} apart in strips of ${strip}, told: ${told}`;
      assert.deepEqual(scanner.end(), expected, label);
    }
  }
});

Deno.test("MaskInstanceScanner refuses rows of other bytes a pixel, bytes a pixel that change, and rows closer than their bytes", () => {
  const scanner = () => new MaskInstanceScanner(2, 4, CLASSES);
  const rows = (more: Partial<InstanceRows>): InstanceRows => ({
    data: new Uint8Array(64),
    first: 0,
    count: 1,
    ...more,
  });
  assert.throws(
    () => scanner().takeRows(rows({ channels: 2 as 3 })),
    errorWith(RangeError, "rows.channels must be 3 or 4; got 2"),
  );
  assert.throws(
    () => scanner().takeRows(rows({ stride: 7, channels: 4 })),
    errorWith(RangeError, "rows.stride must be a whole number from 8; got 7"),
  );
  assert.throws(
    () => scanner().takeRows(rows({ stride: 8.5, channels: 4 })),
    errorWith(RangeError, "from 8; got 8.5"),
  );
  assert.throws(
    () => scanner().takeRows(rows({ data: new Uint8Array(20), count: 2, stride: 13, channels: 4 })),
    errorWith(RangeError, "rows.data holds 20 bytes, fewer than 2 rows of 8 bytes 13 apart (21)"),
  );
  const changed = scanner();
  changed.takeRows(rows({ channels: 4 }));
  assert.throws(
    () => changed.takeRows(rows({})),
    errorWith(RangeError, "rows.channels must be 4, as the strips before; got 3"),
  );
});

Deno.test("MaskInstanceScanner scans side by side and one after another alike, and takes no rows once ended", () => {
  const random = seededRandom(47);
  const [width, height] = [29, 17];
  const masks = [0, 1, 2].map(() => randomMask(width, height, random));
  const expected = masks.map((data) => naiveInstances(width, height, data, CLASSES));
  // Two scans interleaved row by row, then a third after both ended (its colours are others').
  const [a, b] = [masks[0], masks[1]].map(() => new MaskInstanceScanner(width, height, CLASSES));
  for (let y = 0; y < height; y++) {
    for (const [scanner, data] of [[a, masks[0]], [b, masks[1]]] as const) {
      scanner.takeRows({
        data: data.subarray(y * width * 3, (y + 1) * width * 3),
        first: y,
        count: 1,
      });
    }
  }
  assert.deepEqual(a.end(), expected[0]);
  assert.deepEqual(b.end(), expected[1]);
  assert.deepEqual(a.end(), expected[0], "ended again: the same");
  const c = new MaskInstanceScanner(width, height, CLASSES);
  c.takeRows({ data: masks[2], first: 0, count: height });
  assert.deepEqual(c.end(), expected[2]);
  assert.throws(
    () => a.takeRows({ data: new Uint8Array(0), first: height, count: 0 }),
    errorWith(TypeError, "the scan has ended: it takes no more rows"),
  );
});
