import assert from "../_std/assert.ts";
import { ConfigError } from "../../lib/errors.ts";
import { resolveSemanticMapping } from "../../lib/detect/resolve_semantic_mapping.ts";
import { LABELS } from "../_fixtures/project.ts";

Deno.test("resolveSemanticMapping() keys colours by the labels' bChannel", () => {
  const colours = resolveSemanticMapping({ car: [1, 2, 3], road: [0, 0, 255] }, LABELS);
  assert.deepEqual([...colours], [[1, [1, 2, 3]], [3, [0, 0, 255]]]);
});

Deno.test("resolveSemanticMapping() refuses what it cannot apply, saying what is valid", async (t) => {
  const labels = [...LABELS, { id: "sky", name: "Sky" }, { id: "zero", bChannel: 0 }, {
    id: "twin",
    bChannel: 1,
  }];
  const cases: [string, unknown, RegExp][] = [
    [
      "an array instead of an object",
      [[1, 2, 3]],
      /must be a JSON object of label id to \[r, g, b\]/,
    ],
    [
      "an unknown label",
      { truck: [1, 2, 3] },
      /label "truck", which the project does not have; known label ids: "car"/,
    ],
    [
      "a label without bChannel",
      { sky: [1, 2, 3] },
      /label "sky", which has no bChannel in 1\.\.255/,
    ],
    ["a label with bChannel 0", { zero: [1, 2, 3] }, /label "zero", which has no bChannel/],
    [
      "two values",
      { car: [1, 2] },
      /colour for label "car" must be three integers 0\.\.255.*got \[1,2\]/,
    ],
    ["a value above 255", { car: [1, 2, 256] }, /three integers 0\.\.255/],
    ["a fraction", { car: [1, 2.5, 3] }, /three integers 0\.\.255/],
    ["a string", { car: "#ff0000" }, /three integers 0\.\.255.*got "#ff0000"/],
    [
      "two colours for one bChannel",
      { car: [1, 1, 1], twin: [2, 2, 2] },
      /"car" and "twin" different colours/,
    ],
  ];
  for (const [name, mapping, message] of cases) {
    await t.step(name, () => {
      assert.throws(
        () => resolveSemanticMapping(mapping, labels),
        (error: unknown) =>
          error instanceof ConfigError && message.test(error.message) &&
          error.setting === "semanticMapping",
      );
    });
  }
});
