import assert from "../_std/assert.ts";
import type { FormInput, ProjectConfiguration } from "../../lib/api/types.ts";
import { ConfigError } from "../../lib/errors.ts";
import { findSegmentationInputs, formInputs } from "../../lib/detect/mod.ts";
import { resolveMaskSource } from "../../lib/detect/resolve_mask_source.ts";
import { segmentationConfiguration } from "../_fixtures/project.ts";

const input = (id: string, type: string): FormInput => ({ id, type });

/** A form of two rows: [text | seg-b, polygon] and [seg-a | rectangle, seg-c]. */
function twoRowForm(): ProjectConfiguration {
  return {
    projectId: "f1",
    projectType: "form",
    metadata: {
      inputsLayout: [
        [[input("text", "text")], [
          input("seg-b", "tool-iat-segmentation"),
          input("poly", "tool-iat-polygon"),
        ]],
        [[input("seg-a", "tool-iat-segmentation")], [
          input("rect", "tool-iat-rectangle"),
          input("seg-c", "tool-iat-segmentation"),
        ]],
      ],
    },
  };
}

Deno.test("findSegmentationInputs() lists a form's segmentation inputs in reading order: row, column, input", () => {
  const ids = (inputs: FormInput[]) => inputs.map((one) => one.id);
  assert.deepEqual(ids(findSegmentationInputs(twoRowForm())), ["seg-b", "seg-a", "seg-c"]);
  // Every input, in the same order: the segmentation ones are those among them, no other type.
  assert.deepEqual(ids(formInputs(twoRowForm())), [
    "text",
    "seg-b",
    "poly",
    "seg-a",
    "rect",
    "seg-c",
  ]);
});

Deno.test("findSegmentationInputs() finds none in a project that is not a form, or a form without one", () => {
  assert.deepEqual(findSegmentationInputs(segmentationConfiguration("p1")), []);
  const polygons: ProjectConfiguration = {
    projectId: "f2",
    projectType: "form",
    metadata: {
      inputsLayout: [[[input("poly", "tool-iat-polygon"), input("s", "Tool-IAT-Segmentation")]]],
    },
  };
  assert.deepEqual(findSegmentationInputs(polygons), []);
});

Deno.test("findSegmentationInputs() skips what is not an input in a malformed layout, and keeps the rest", () => {
  const configuration = {
    projectId: "f3",
    projectType: "form",
    metadata: {
      inputsLayout: [
        "not a row",
        [null, [null, 7, { type: "tool-iat-segmentation" }, input("seg", "tool-iat-segmentation")]],
        [[{ id: 5, type: "tool-iat-segmentation" }]],
      ],
    },
  } as unknown as ProjectConfiguration;
  assert.deepEqual(findSegmentationInputs(configuration).map((one) => one.id), ["seg"]);
  const noLayout = { projectId: "f4", projectType: "form", metadata: {} } as ProjectConfiguration;
  assert.deepEqual(findSegmentationInputs(noLayout), []);
});

Deno.test("findSegmentationInputs() lists the inputs the export chooses among, in the order it names them", () => {
  let message = "";
  assert.throws(() => resolveMaskSource(twoRowForm()), (error: unknown) => {
    assert.ok(error instanceof ConfigError, String(error));
    message = error.message;
    return true;
  });
  const named = [...message.matchAll(/"(seg-[a-c])"/g)].map((match) => match[1]);
  assert.deepEqual(named, findSegmentationInputs(twoRowForm()).map((one) => one.id));
});
