/**
 * Joins holes to the outline around them, so that one polygon's even-odd fill leaves them empty:
 * from each hole's top vertex straight up to the nearest edge of the outline above it, around the
 * hole, and back down the same cut. A cut is vertical, so pycocotools' fill (down the columns)
 * never crosses it and a fill along rows crosses it twice at one place; a cut may pass through
 * another hole for the same reason. The outline's edges are found by the columns they span, so
 * the cost is the outline's and holes' points, not their product.
 *
 * @module
 */

/** A hole's cut: where it meets the outline (edge, and how far along it), and the hole's walk. */
interface Cut {
  edge: number;
  along: number;
  x: number;
  y: number;
  walk: number[];
}

/**
 * The outline with each hole spliced in at its cut; a hole no edge is found above (a simplified
 * outline that no longer covers it) is left out.
 *
 * @param outline The outline's vertices, `x0, y0, x1, y1...`, closed.
 * @param holes Each hole's vertices, with integer coordinates.
 * @returns The outline's vertices with the holes' walks inserted.
 */
export function spliceHoles(outline: number[], holes: readonly number[][]): number[] {
  if (holes.length === 0) return outline;
  const edges = EdgesByColumn.of(outline);
  const cuts: Cut[] = [];
  for (const hole of holes) {
    const cut = cutOf(outline, hole, edges);
    if (cut) cuts.push(cut);
  }
  cuts.sort((a, b) => a.edge - b.edge || a.along - b.along);
  const count = outline.length / 2;
  // Made at its size: an array grown by pushes leaves its smaller copies behind.
  const spliced = new Array<number>(
    cuts.reduce((sum, cut) => sum + cut.walk.length + 4, outline.length),
  );
  let [at, next] = [0, 0];
  for (let edge = 0; edge < count; edge++) {
    spliced[at++] = outline[2 * edge];
    spliced[at++] = outline[2 * edge + 1];
    for (; next < cuts.length && cuts[next].edge === edge; next++) {
      const { x, y, walk } = cuts[next];
      spliced[at++] = x;
      spliced[at++] = y;
      for (let i = 0; i < walk.length; i++) spliced[at++] = walk[i];
      spliced[at++] = x;
      spliced[at++] = y;
    }
  }
  return spliced;
}

/**
 * The outline's edges that are not vertical, by each whole column they span: the edges of column
 * `x` are `edges[start[x - left]]` up to `edges[start[x - left + 1]]`, in typed arrays (a map of
 * a list per column was most of what tracing a mask allocated).
 */
class EdgesByColumn {
  private constructor(
    readonly left: number,
    readonly start: Int32Array,
    readonly edges: Int32Array,
  ) {}

  static of(outline: number[]): EdgesByColumn {
    const count = outline.length / 2;
    let [left, right] = [Infinity, -Infinity];
    for (let i = 0; i < outline.length; i += 2) {
      left = Math.min(left, outline[i]);
      right = Math.max(right, outline[i]);
    }
    left = Math.ceil(left);
    const start = new Int32Array(Math.max(0, Math.floor(right) - left + 2));
    // Counted first, then placed: each edge under every whole column it spans.
    const eachSpan = (visit: (edge: number, from: number, to: number) => void) => {
      for (let edge = 0; edge < count; edge++) {
        const [ax, bx] = [outline[2 * edge], outline[(2 * edge + 2) % outline.length]];
        if (ax !== bx) visit(edge, Math.ceil(Math.min(ax, bx)), Math.floor(Math.max(ax, bx)));
      }
    };
    eachSpan((_, from, to) => {
      for (let x = from; x <= to; x++) start[x - left + 1]++;
    });
    for (let i = 1; i < start.length; i++) start[i] += start[i - 1];
    const edges = new Int32Array(start[start.length - 1]);
    const placed = start.slice(0, -1);
    eachSpan((edge, from, to) => {
      for (let x = from; x <= to; x++) edges[placed[x - left]++] = edge;
    });
    return new EdgesByColumn(left, start, edges);
  }

  /** The edges spanning column `x`, in the outline's order. */
  at(x: number): Int32Array {
    const i = x - this.left;
    if (i < 0 || i + 1 >= this.start.length) return this.edges.subarray(0, 0);
    return this.edges.subarray(this.start[i], this.start[i + 1]);
  }
}

/** A hole's top vertex (then leftmost), and its index in the hole's points. */
function topOf(hole: number[]): { x: number; y: number; at: number } {
  let at = 0;
  for (let i = 2; i < hole.length; i += 2) {
    if (hole[i + 1] < hole[at + 1] || (hole[i + 1] === hole[at + 1] && hole[i] < hole[at])) at = i;
  }
  return { x: hole[at], y: hole[at + 1], at };
}

/** Where a hole's cut meets the nearest edge above its top vertex, if any. */
function cutOf(outline: number[], hole: number[], byColumn: EdgesByColumn): Cut | undefined {
  const top = topOf(hole);
  let best: Cut | undefined;
  for (const edge of byColumn.at(top.x)) {
    const j = (2 * edge + 2) % outline.length;
    const [ax, ay, bx, by] = [outline[2 * edge], outline[2 * edge + 1], outline[j], outline[j + 1]];
    const along = (top.x - ax) / (bx - ax);
    const y = ay + (by - ay) * along;
    if (y > top.y || (best && y <= best.y)) continue;
    best = { edge, along, x: top.x, y, walk: [] };
  }
  if (!best) return undefined;
  best.walk = [...hole.slice(top.at), ...hole.slice(0, top.at), top.x, top.y];
  return best;
}
