import assert from "../_std/assert.ts";
import { unicodeBar } from "../../lib/report/unicode_bar.ts";

Deno.test("unicodeBar() draws a fraction in whole cells and eighths, and any non-zero fraction shows", () => {
  assert.equal(unicodeBar(1), "█".repeat(20));
  assert.equal(unicodeBar(0.5, 4), "██");
  assert.equal(unicodeBar(0.3, 4), "█▎");
  assert.equal(unicodeBar(1 / 32, 4), "▏");
  assert.equal(unicodeBar(0.0001, 4), "▏");
  assert.equal(unicodeBar(0, 4), "");
  assert.equal(unicodeBar(7, 2), "██", "clamped to 1");
  assert.equal(unicodeBar(Number.NaN, 2), "");
});
