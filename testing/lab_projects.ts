/**
 * Builders of fake-lab projects: a segmentation or form project's configuration, and tasks that
 * carry a mask. The tests, the benchmarks and the demo build their projects with them.
 *
 * @module
 */
import type { FormInput, Label, ProjectConfiguration, Task } from "../lib/api/types.ts";
import type { FakeProject } from "./fake_lab.ts";

/** Three labels for a project: car (bChannel 1), person (2), road (3). */
export const SAMPLE_LABELS: Label[] = [
  { id: "car", name: "Car", color: "#e6194b", bChannel: 1 },
  { id: "person", name: "Person", color: "#3cb44b", bChannel: 2 },
  { id: "road", name: "Road", color: "#4363d8", bChannel: 3 },
];

/**
 * An `iat-segmentation` project's configuration, its labels in one list named "Objects".
 *
 * @param projectId The project id.
 * @param labels The labels. @default {SAMPLE_LABELS}
 * @returns The configuration, as the lab serves it.
 *
 * @example
 * ```ts
 * import { segmentationConfiguration } from "@lab/masks/testing";
 *
 * console.log(segmentationConfiguration("p1").projectType); // "iat-segmentation"
 * ```
 */
export function segmentationConfiguration(
  projectId: string,
  labels: Label[] = SAMPLE_LABELS,
): ProjectConfiguration {
  return {
    projectId,
    projectType: "iat-segmentation",
    metadata: {
      toolOptions: { sequence: false },
      labelOptions: {
        mainLists: [{ name: "Objects", keys: ["objects"] }],
        availableLabels: { objects: labels },
      },
    },
  };
}

/**
 * A form input of `type`, with `labels` in its own configuration.
 *
 * @param id The input's id, where a task keeps its answer.
 * @param type The input's type, e.g. `tool-iat-segmentation`.
 * @param labels The input's labels. @default {SAMPLE_LABELS}
 * @returns The input.
 *
 * @example
 * ```ts
 * import { formInput } from "@lab/masks/testing";
 *
 * console.log(formInput("seg", "tool-iat-segmentation").name); // "Input seg"
 * ```
 */
export function formInput(id: string, type: string, labels: Label[] = SAMPLE_LABELS): FormInput {
  return {
    id,
    name: `Input ${id}`,
    type,
    config: { metadata: { labelOptions: { availableLabels: { objects: labels } } } },
  };
}

/**
 * A `form` project's configuration with these inputs, one per row.
 *
 * @param projectId The project id.
 * @param inputs The inputs, e.g. from {@linkcode formInput}.
 * @returns The configuration, as the lab serves it.
 *
 * @example
 * ```ts
 * import { formConfiguration, formInput } from "@lab/masks/testing";
 *
 * const configuration = formConfiguration("f1", [formInput("seg", "tool-iat-segmentation")]);
 * console.log(configuration.projectType); // "form"
 * ```
 */
export function formConfiguration(projectId: string, inputs: FormInput[]): ProjectConfiguration {
  return {
    projectId,
    projectType: "form",
    metadata: { inputsLayout: inputs.map((input) => [[input]]) },
  };
}

/**
 * A complete task whose mask (any value, normally a data URI) is at `data.body.mask`, or one
 * without `data` when there is no mask.
 *
 * @param id The task id.
 * @param name The task name.
 * @param mask The mask. @default {undefined}
 * @returns The task.
 *
 * @example
 * ```ts
 * import { maskTask } from "@lab/masks/testing";
 *
 * console.log(maskTask("t1", "a.jpg", "data:image/png;base64,").data); // { body: { mask: "data:image/png;base64," } }
 * ```
 */
export function maskTask(id: string, name: string, mask?: unknown): Task {
  return {
    _id: id,
    name,
    status: "complete",
    data: mask === undefined ? undefined : { body: { mask } },
  };
}

/**
 * A segmentation project with these tasks and {@linkcode SAMPLE_LABELS}, for `startFakeLab`.
 *
 * @param projectId The project id.
 * @param tasks The tasks.
 * @returns The project.
 *
 * @example
 * ```ts
 * import { maskTask, segmentationProject } from "@lab/masks/testing";
 *
 * const project = segmentationProject("p1", [maskTask("t1", "a.jpg")]);
 * console.log(project.tasks.length); // 1
 * ```
 */
export function segmentationProject(projectId: string, tasks: Task[]): FakeProject {
  return { configuration: segmentationConfiguration(projectId), tasks };
}
