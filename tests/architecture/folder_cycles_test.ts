import assert from "../_std/assert.ts";
import { folderOf, importsOf, tsFiles } from "./_import_graph.ts";

/**
 * The folders of `lib/` (`lib/png`, `lib/model`...; `lib` itself for its top files) and the
 * folders each imports, type-only imports included. A folder's `mod.ts` is left out: it is the
 * folder's public face (an entry point of the package that no file of `lib/` imports), and may
 * re-export what users look for under its name.
 */
async function folderGraph(): Promise<Map<string, Set<string>>> {
  const files = (await tsFiles("lib")).filter((file) => !file.endsWith("/mod.ts"));
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of await importsOf(files)) {
    const [a, b] = [topFolder(from), topFolder(to)];
    if (!graph.has(a)) graph.set(a, new Set());
    if (a !== b) graph.get(a)!.add(b);
  }
  return graph;
}

/** `lib/png` for `lib/png/x.ts`, `lib` for `lib/errors.ts`. */
function topFolder(path: string): string {
  return folderOf(path).split("/").slice(0, 2).join("/");
}

/** A cycle of the graph, as its folders in order, or `undefined`. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...path.slice(path.indexOf(node)), node];
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

Deno.test("no folder of lib/ imports a folder that imports it back, even for a type", async () => {
  const graph = await folderGraph();
  assert.ok(graph.has("lib/png") && graph.has("lib/model"), "the folders are read");
  const cycle = findCycle(graph);
  assert.equal(cycle?.join(" -> "), undefined, "an arrow runs back up");
});

Deno.test("no file of lib/ imports a folder's mod.ts", async () => {
  const files = (await tsFiles("lib")).filter((file) => !file.endsWith("/mod.ts"));
  const found = (await importsOf(files)).filter(({ to }) => to.endsWith("/mod.ts"));
  assert.deepEqual(found.map(({ from, to }) => `${from} imports ${to}`), []);
});

Deno.test("findCycle() finds a cycle through three folders and none in a layered graph", () => {
  const graph = (edges: [string, string][]) => {
    const map = new Map<string, Set<string>>();
    for (const [a, b] of edges) map.set(a, (map.get(a) ?? new Set()).add(b));
    return map;
  };
  assert.deepEqual(findCycle(graph([["a", "b"], ["b", "c"], ["c", "a"]])), ["a", "b", "c", "a"]);
  assert.equal(findCycle(graph([["a", "b"], ["b", "c"], ["a", "c"]])), undefined);
});
