import assert from "../_std/assert.ts";
import { taskMask } from "../../lib/detect/task_mask.ts";
import type { MaskSource } from "../../lib/detect/resolve_mask_source.ts";

const SEGMENTATION: MaskSource = { projectId: "p1", projectType: "iat-segmentation", labels: [] };
const FORM: MaskSource = { projectId: "f1", projectType: "form", input: { id: "seg" }, labels: [] };

Deno.test("taskMask() finds the mask where each project kind keeps it", () => {
  assert.equal(
    taskMask({ _id: "t", name: "n", data: { body: { mask: "m1" } } }, SEGMENTATION),
    "m1",
  );
  assert.equal(
    taskMask({ _id: "t", name: "n", data: { body: { seg: { mask: "m2" } } } }, FORM),
    "m2",
  );
  // The SDK's JSON export shape (format="lab"): `data` is the body.
  assert.equal(taskMask({ _id: "t", name: "n", data: { mask: "m3" } }, SEGMENTATION), "m3");
  assert.equal(taskMask({ _id: "t", name: "n", data: { seg: { mask: "m4" } } }, FORM), "m4");
});

Deno.test("taskMask() finds no mask in tasks that were never annotated", () => {
  const never = [undefined, null, {}, { body: {} }, { body: { mask: null } }, {
    body: { mask: "" },
  }];
  for (const data of never) {
    assert.equal(taskMask({ _id: "t", name: "n", data: data as never }, SEGMENTATION), undefined);
  }
  assert.equal(taskMask({ _id: "t", name: "n", data: { body: { mask: "m" } } }, FORM), undefined);
  assert.equal(taskMask({ _id: "t", name: "n", data: { body: { seg: "m" } } }, FORM), undefined);
});
