import assert from "../_std/assert.ts";
import { KERNELS_WASM_BASE64 } from "../../lib/png/_kernels_wasm.ts";

const PNG = new URL("../../lib/png/", import.meta.url);

Deno.test("lib/png/_kernels_wasm.ts is generated from the current _kernels.wat", async () => {
  const source = await Deno.readTextFile(new URL("_kernels.wat", PNG));
  const generated = await Deno.readTextFile(new URL("_kernels_wasm.ts", PNG));
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

Deno.test("the generated kernels module exports every function _kernels.wat exports", async () => {
  const source = await Deno.readTextFile(new URL("_kernels.wat", PNG));
  const declared = [...source.matchAll(/\(export "([^"]+)"\)/g)].map((match) => match[1]);
  const bytes = Uint8Array.fromBase64(KERNELS_WASM_BASE64);
  assert.ok(WebAssembly.validate(bytes), "the generated module is valid WebAssembly");
  const exported = WebAssembly.Module.exports(new WebAssembly.Module(bytes));
  assert.deepEqual(exported.map((entry) => entry.name).sort(), declared.sort());
});
