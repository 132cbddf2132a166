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

/** The picture of docs/development.md: each `lib/<folder>` line and the folders it may import. */
async function pictureOfDocs(): Promise<Map<string, Set<string>>> {
  const docs = await Deno.readTextFile(new URL("../../docs/development.md", import.meta.url));
  const block = docs.split("### Which way imports go")[1].split("```text\n")[1].split("```")[0];
  const allowed = new Map<string, Set<string>>();
  for (const line of block.split("\n")) {
    const match = /^(lib\/[a-z]+)\s+→(.*)$/.exec(line);
    if (match) {
      allowed.set(match[1], new Set(match[2].trim().split(/\s+/).filter((word) => word)));
    }
  }
  return allowed;
}

Deno.test("docs/development.md's picture lists every folder of lib/ and every import it makes", async () => {
  const graph = await folderGraph();
  const picture = await pictureOfDocs();
  const folders = [...graph.keys()].filter((folder) => folder !== "lib" && folder !== "lib/_std");
  assert.deepEqual([...picture.keys()].sort(), folders.sort(), "one line per folder");
  const unlisted: string[] = [];
  for (const [folder, targets] of graph) {
    for (const target of targets) {
      if (target === "lib" || target === "lib/_std") continue;
      const name = target.slice("lib/".length);
      if (!picture.get(folder)?.has(name)) unlisted.push(`${folder} → ${target}`);
    }
  }
  assert.deepEqual(unlisted, [], "imports the picture does not show");
});
