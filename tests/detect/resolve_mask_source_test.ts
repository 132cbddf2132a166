import assert from "../_std/assert.ts";
import { ConfigError } from "../../lib/errors.ts";
import { resolveMaskSource } from "../../lib/detect/resolve_mask_source.ts";
import {
  formConfiguration,
  formInput,
  LABELS,
  segmentationConfiguration,
} from "../_fixtures/project.ts";

const LANE = [{ id: "lane", name: "Lane", bChannel: 10 }];

function refusal(pattern: RegExp, setting: string) {
  return (error: unknown) =>
    error instanceof ConfigError && pattern.test(error.message) && error.setting === setting;
}

Deno.test("resolveMaskSource() takes a segmentation project's own labels", () => {
  const source = resolveMaskSource(segmentationConfiguration("p1"));
  assert.equal(source.projectType, "iat-segmentation");
  assert.equal(source.input, undefined);
  assert.deepEqual(source.labels, LABELS);
});

Deno.test("resolveMaskSource() detects a form's segmentation input", async (t) => {
  await t.step("one candidate among other image tools is chosen, with its own labels", () => {
    const source = resolveMaskSource(formConfiguration("f1", [
      formInput("text", "text"),
      formInput("poly", "tool-iat-polygon"),
      formInput("seg", "tool-iat-segmentation", LANE),
    ]));
    assert.deepEqual(source.input, { id: "seg", name: "Input seg" });
    assert.deepEqual(source.labels, LANE);
  });
  await t.step("no candidate is an error saying the form has no input with masks", () => {
    assert.throws(
      () => resolveMaskSource(formConfiguration("f1", [formInput("text", "text")])),
      refusal(
        /project "f1": the form has no "tool-iat-segmentation" input \(nor a polygon/,
        "projectId",
      ),
    );
  });
  await t.step("a form without a segmentation input uses its single polygon input", () => {
    const source = resolveMaskSource(formConfiguration("f1", [
      formInput("text", "text"),
      formInput("poly", "tool-iat-polygon", [{ id: "a" }, { id: "b", bChannel: 1 }]),
    ]));
    assert.equal(source.kind, "polygon");
    assert.equal(source.input?.id, "poly");
    assert.deepEqual(source.labels.map((label) => label.bChannel), [2, 1]);
  });
  await t.step("several candidates without an input id are listed with id and name", () => {
    assert.throws(
      () =>
        resolveMaskSource(formConfiguration("f1", [
          formInput("a", "tool-iat-segmentation"),
          formInput("b", "tool-iat-segmentation"),
        ])),
      refusal(
        /2 segmentation inputs; pick one with the input id: "a" \(Input a\), "b" \(Input b\)/,
        "inputId",
      ),
    );
  });
  await t.step("an input id picks one of several", () => {
    const source = resolveMaskSource(
      formConfiguration("f1", [
        formInput("a", "tool-iat-segmentation"),
        formInput("b", "tool-iat-segmentation", LANE),
      ]),
      { inputId: "b" },
    );
    assert.equal(source.input?.id, "b");
    assert.deepEqual(source.labels, LANE);
  });
  await t.step("a wrong input id is an error listing the candidates", () => {
    assert.throws(
      () =>
        resolveMaskSource(
          formConfiguration("f1", [
            formInput("text", "text"),
            formInput("poly", "tool-iat-polygon"),
            formInput("a", "tool-iat-segmentation"),
          ]),
          { inputId: "text" },
        ),
      refusal(
        /Input "text" is not an input of project "f1" with masks; choose one of: "poly" \(Input poly, tool-iat-polygon\), "a" \(Input a\)/,
        "inputId",
      ),
    );
  });
});

Deno.test("resolveMaskSource() refuses other project types, naming the supported ones", () => {
  for (
    const projectType of ["iat-graph", "iat-polyline", "mystery"]
  ) {
    assert.throws(
      () => resolveMaskSource({ projectId: "p9", projectType }),
      refusal(
        new RegExp(
          `project "p9": its type is "${projectType}"; mask export supports "iat-segmentation", "iat-polygon", "iat-rectangle" and "form"`,
        ),
        "projectId",
      ),
    );
  }
});

Deno.test("resolveMaskSource() refuses sequence projects and sequence inputs", () => {
  const sequence = segmentationConfiguration("p1");
  sequence.metadata!.toolOptions = { sequence: true };
  assert.throws(
    () => resolveMaskSource(sequence),
    refusal(/video\/sequence project/, "projectId"),
  );
  const input = formInput("seg", "tool-iat-segmentation");
  input.config!.metadata!.toolOptions = { sequence: true };
  assert.throws(
    () => resolveMaskSource(formConfiguration("f1", [input])),
    refusal(/input "seg" of project "f1": it is a video\/sequence project/, "projectId"),
  );
});

Deno.test("resolveMaskSource() refuses an input id for a segmentation project", () => {
  assert.throws(
    () => resolveMaskSource(segmentationConfiguration("p1"), { inputId: "seg" }),
    refusal(/"iat-segmentation" project, which has no inputs/, "inputId"),
  );
});
