import assert from "../_std/assert.ts";
import { withKernels } from "../../lib/png/kernels.ts";

Deno.test("the kernels' firstDifferent finds the first byte unlike the other row's, reading nothing past the end", () => {
  withKernels(4096, (kernels, memory) => {
    const [p, q] = [0, 2048];
    for (let n = 0; n < 150; n += 7) {
      for (const at of [-1, 0, 1, 15, 16, 17, 63, 64, 65, 100, n - 1, n]) {
        memory.fill(3, p, p + 400);
        memory.fill(3, q, q + 400);
        // A difference just past the end must not be found.
        memory[p + n] = 9;
        if (at >= 0) memory[q + at] = 4;
        const expected = at >= 0 && at < n ? at : n;
        assert.equal(kernels.firstDifferent(p, q, n), expected, `${n} bytes, unlike at ${at}`);
      }
    }
  });
});
