/**
 * Builders of fake-lab projects for the tests: a segmentation project or a form project with the
 * given tasks, and tasks carrying a mask.
 *
 * @module
 */
import type { FormInput, Label, ProjectConfiguration, Task } from "../../lib/api/types.ts";
import type { FakeProject } from "../../testing/fake_lab.ts";

/** The labels of the test projects: car (bChannel 1), person (2), road (3). */
export const LABELS: Label[] = [
  { id: "car", name: "Car", color: "#e6194b", bChannel: 1 },
  { id: "person", name: "Person", color: "#3cb44b", bChannel: 2 },
  { id: "road", name: "Road", color: "#4363d8", bChannel: 3 },
];

/** A segmentation project's configuration. */
export function segmentationConfiguration(
  projectId: string,
  labels: Label[] = LABELS,
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

/** A form input of `type`, with `labels` in its own config. */
export function formInput(id: string, type: string, labels: Label[] = LABELS): FormInput {
  return {
    id,
    name: `Input ${id}`,
    type,
    config: { metadata: { labelOptions: { availableLabels: { objects: labels } } } },
  };
}

/** A form project's configuration with these inputs, one per row. */
export function formConfiguration(projectId: string, inputs: FormInput[]): ProjectConfiguration {
  return {
    projectId,
    projectType: "form",
    metadata: { inputsLayout: inputs.map((input) => [[input]]) },
  };
}

/** A task whose mask (any value, normally a data URI) is at `data.body.mask`, or none. */
export function maskTask(id: string, name: string, mask?: unknown): Task {
  return {
    _id: id,
    name,
    status: "complete",
    data: mask === undefined ? undefined : { body: { mask } },
  };
}

/** A segmentation project with these tasks. */
export function segmentationProject(projectId: string, tasks: Task[]): FakeProject {
  return { configuration: segmentationConfiguration(projectId), tasks };
}
