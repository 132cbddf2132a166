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
  const count = outline.length / 2;
  const edgesOfColumn = new Map<number, number[]>();
  for (let edge = 0; edge < count; edge++) {
    const [ax, bx] = [outline[2 * edge], outline[(2 * edge + 2) % outline.length]];
    if (ax === bx) continue;
    for (let x = Math.ceil(Math.min(ax, bx)); x <= Math.floor(Math.max(ax, bx)); x++) {
      const edges = edgesOfColumn.get(x);
      if (edges) edges.push(edge);
      else edgesOfColumn.set(x, [edge]);
    }
  }
  const cuts: Cut[] = [];
  for (const hole of holes) {
    const cut = cutOf(outline, hole, edgesOfColumn.get(topOf(hole).x) ?? []);
    if (cut) cuts.push(cut);
  }
  cuts.sort((a, b) => a.edge - b.edge || a.along - b.along);
  const spliced: number[] = [];
  let next = 0;
  for (let edge = 0; edge < count; edge++) {
    spliced.push(outline[2 * edge], outline[2 * edge + 1]);
    for (; next < cuts.length && cuts[next].edge === edge; next++) {
      const { x, y, walk } = cuts[next];
      spliced.push(x, y, ...walk, x, y);
    }
  }
  return spliced;
}

/** A hole's top vertex (then leftmost), and its index in the hole's points. */
function topOf(hole: number[]): { x: number; y: number; at: number } {
  let at = 0;
  for (let i = 2; i < hole.length; i += 2) {
    if (hole[i + 1] < hole[at + 1] || (hole[i + 1] === hole[at + 1] && hole[i] < hole[at])) at = i;
  }
  return { x: hole[at], y: hole[at + 1], at };
}

/** Where a hole's cut meets the nearest of `edges` above its top vertex, if any. */
function cutOf(outline: number[], hole: number[], edges: number[]): Cut | undefined {
  const top = topOf(hole);
  let best: Cut | undefined;
  for (const edge of edges) {
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
