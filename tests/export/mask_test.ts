import assert from "../_std/assert.ts";
import type { Task } from "../../lib/api/types.ts";
import type { MaskSource } from "../../lib/detect/resolve_mask_source.ts";
import { MaskDetacher } from "../../lib/export/_detach_masks.ts";
import { maskOf } from "../../lib/detect/mask_of.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";

const SEGMENTATION: MaskSource = { projectId: "p1", projectType: "iat-segmentation", labels: [] };
const FORM: MaskSource = {
  projectId: "f1",
  projectType: "form",
  kind: "mask",
  input: { id: "seg" },
  labels: [],
};
const POLYGON: MaskSource = {
  projectId: "p2",
  projectType: "iat-polygon",
  kind: "polygon",
  labels: [],
};
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

function task(body: Record<string, unknown>): Task {
  return { _id: "t1", name: "a.jpg", data: { body } };
}

Deno.test("maskOf() reads a data URI mask as its PNG bytes with the task's image size", () => {
  const image = { width: 4, height: 3 };
  assert.deepEqual(maskOf(task({ mask: encodeDataUri(PNG), image }), SEGMENTATION), {
    kind: "png",
    bytes: PNG,
    image,
  });
  const form = task({ seg: { mask: encodeDataUri(PNG) }, image });
  assert.deepEqual(maskOf(form, FORM), { kind: "png", bytes: PNG, image });
});

Deno.test("maskOf() reads a vector task's annotations as shapes of the project's geometry", () => {
  const annotations = [{ id: "a1" }];
  assert.deepEqual(maskOf(task({ annotations }), POLYGON), {
    kind: "shapes",
    geometry: "polygon",
    annotations,
    image: undefined,
  });
  const rectangle: MaskSource = { ...POLYGON, projectType: "iat-rectangle", kind: "rectangle" };
  const sized = task({ annotations: [], image: { width: 10, height: 20 } });
  assert.deepEqual(maskOf(sized, rectangle), {
    kind: "shapes",
    geometry: "rectangle",
    annotations: [],
    image: { width: 10, height: 20 },
  });
});

Deno.test("maskOf() gives a value that is no mask as invalid, with the reason its task fails", () => {
  assert.deepEqual(maskOf(task({ mask: 42 }), SEGMENTATION), {
    kind: "invalid",
    reason: "the mask is a number, not a data URI string",
  });
  assert.deepEqual(maskOf(task({ mask: "data:image/jpeg;base64,/9j/4A==" }), SEGMENTATION), {
    kind: "invalid",
    reason: 'the mask is a JPEG image (data URI type "image/jpeg"), not a PNG: only PNG masks ' +
      "keep the label colours exactly",
  });
});

Deno.test("maskOf() finds no mask in tasks that were never annotated", () => {
  assert.equal(maskOf({ _id: "t", name: "n" }, SEGMENTATION), undefined);
  assert.equal(maskOf(task({ mask: "" }), SEGMENTATION), undefined);
  assert.equal(maskOf(task({ image: { width: 1, height: 1 } }), POLYGON), undefined);
});

Deno.test("MaskDetacher takes a PNG mask out of its task once, and leaves other values", () => {
  const masks = new MaskDetacher(SEGMENTATION);
  const good = task({ mask: encodeDataUri(PNG) });
  const bad = task({ mask: "not a data URI" });
  masks.detach(good);
  masks.detach(bad);
  assert.deepEqual(good.data, { body: {} }, "the PNG's data URI left the task");
  assert.deepEqual(bad.data, { body: { mask: "not a data URI" } }, "a bad value stays");
  assert.deepEqual(masks.take(good), { kind: "png", bytes: PNG, image: undefined });
  assert.equal(masks.take(bad)?.kind, "invalid");
  assert.equal(masks.take(good), undefined, "taken once: the task now has no mask");
});
