import { pathToFileURL as toFileUrl } from "node:url";
import assert from "../_std/assert.ts";
import { KERNELS_WASM_BASE64 } from "../../lib/png/_kernels_wasm.ts";
import { kernelParts, KERNELS_FRAME, readKernelSource } from "../../tools/kernel_source.ts";

Deno.test("lib/png/_kernels_wasm.ts is generated from the current _kernels.wat and its parts", async () => {
  const source = await readKernelSource();
  const generated = await Deno.readTextFile(new URL("_kernels_wasm.ts", KERNELS_FRAME));
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(source)),
  ).toHex();
  const recorded = generated.match(/^\/\/ Source SHA-256: ([0-9a-f]{64})$/m)?.[1];
  assert.equal(
    recorded,
    digest,
    "lib/png/_kernels_wasm.ts is stale: run `deno task kernels` and commit the result",
  );
});

Deno.test("the generated kernels module exports every function the kernels' source exports", async () => {
  const source = await readKernelSource();
  const declared = [...source.matchAll(/\(export "([^"]+)"\)/g)].map((match) => match[1]);
  const bytes = Uint8Array.fromBase64(KERNELS_WASM_BASE64);
  assert.ok(WebAssembly.validate(bytes), "the generated module is valid WebAssembly");
  const exported = WebAssembly.Module.exports(new WebAssembly.Module(bytes));
  assert.deepEqual(exported.map((entry) => entry.name).sort(), declared.sort());
  assert.ok(declared.includes("adler32") && declared.includes("unfilter"), "parts are read");
});

Deno.test("_kernels.wat includes every file of _kernels/ once, and nothing else", async () => {
  const parts = kernelParts(await Deno.readTextFile(KERNELS_FRAME));
  const files: string[] = [];
  for await (const entry of Deno.readDir(new URL("_kernels/", KERNELS_FRAME))) {
    if (entry.isFile) files.push(entry.name);
  }
  assert.deepEqual([...parts].sort(), files.sort());
  assert.equal(new Set(parts).size, parts.length, "a part included twice");
});

Deno.test("each part of the kernels' source is included indented, its blank lines kept empty", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/_kernels`);
    await Deno.writeTextFile(`${root}/_kernels/a.wat`, ";; A.\n\n(func $a)\n");
    await Deno.writeTextFile(`${root}/frame.wat`, "(module\n  ;; @include a.wat\n)\n");
    const frame = toFileUrl(`${root}/frame.wat`);
    const text = await readKernelSource(frame);
    assert.equal(text, "(module\n  ;; A.\n\n  (func $a)\n)\n");
    await Deno.writeTextFile(`${root}/frame.wat`, "(module\n  ;; @include b.wat\n)\n");
    await assert.rejects(() => readKernelSource(frame), Deno.errors.NotFound);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
