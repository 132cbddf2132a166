import type { FormInput, ProjectConfiguration } from "../api/types.ts";
import { textFieldsOnly } from "./_text_fields.ts";

/** The input type whose answers hold a segmentation mask. */
export const SEGMENTATION_INPUT_TYPE = "tool-iat-segmentation";

/**
 * Lists every input of a `form` project's layout, in reading order (row, column, input). An input
 * without a string id is left out; a `name` that is not text is as if absent, and a `type` that
 * is not text is `""`, no tool's (a hostile server, an edited file).
 *
 * @param configuration The project configuration.
 * @returns All inputs, whatever their type; empty for non-form projects.
 *
 * @example
 * ```ts
 * import { formInputs } from "@lab/masks/detect";
 *
 * const inputs = formInputs({
 *   projectId: "p1",
 *   projectType: "form",
 *   metadata: { inputsLayout: [[[{ id: "q1", type: "text" }]]] },
 * });
 * console.log(inputs.map((input) => input.id)); // ["q1"]
 * ```
 */
export function formInputs(configuration: ProjectConfiguration): FormInput[] {
  const rows = configuration.metadata?.inputsLayout;
  if (!Array.isArray(rows)) return [];
  const inputs: FormInput[] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    for (const column of row) {
      if (!Array.isArray(column)) continue;
      for (const input of column) {
        if (input && typeof input === "object" && typeof input.id === "string") {
          // A type that is not text is no tool's.
          const typed = textFieldsOnly(input, ["name", "type"]);
          inputs.push(typed.type === undefined ? { ...typed, type: "" } : typed);
        }
      }
    }
  }
  return inputs;
}

/**
 * Lists the `tool-iat-segmentation` inputs of a `form` project: the inputs a mask export can use.
 *
 * Unlike the SDK, other image tools (`tool-iat-polygon`...) are not candidates, so a form with one
 * polygon and one segmentation input needs no `inputId` (see `lab-api.md`, "SDK quirk").
 *
 * @param configuration The project configuration.
 * @returns The segmentation inputs in layout order.
 *
 * @example
 * ```ts
 * import { findSegmentationInputs } from "@lab/masks/detect";
 *
 * const found = findSegmentationInputs({
 *   projectId: "p1",
 *   projectType: "form",
 *   metadata: {
 *     inputsLayout: [[[
 *       { id: "poly", type: "tool-iat-polygon" },
 *       { id: "seg", type: "tool-iat-segmentation" },
 *     ]]],
 *   },
 * });
 * console.log(found.map((input) => input.id)); // ["seg"]
 * ```
 */
export function findSegmentationInputs(configuration: ProjectConfiguration): FormInput[] {
  return formInputs(configuration).filter((input) => input.type === SEGMENTATION_INPUT_TYPE);
}
