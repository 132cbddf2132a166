import type { FormInput, Label, ProjectConfiguration } from "../api/types.ts";
import { ConfigError } from "../errors.ts";
import { findSegmentationInputs, SEGMENTATION_INPUT_TYPE } from "./find_segmentation_inputs.ts";
import { labelsOf } from "./labels_of.ts";

/** The project types whose masks can be exported. */
export const SUPPORTED_PROJECT_TYPES: readonly string[] = ["iat-segmentation", "form"];

/** Where a project's masks live and which labels they use. */
export interface MaskSource {
  /** The project id. */
  projectId: string;
  /** `iat-segmentation`, or `form` (masks under one segmentation input). */
  projectType: "iat-segmentation" | "form";
  /** For a form project, the segmentation input whose masks are exported. */
  input?: { id: string; name?: string };
  /** The labels of the project, or of the form input's own configuration. */
  labels: readonly Label[];
}

/** Options of {@linkcode resolveMaskSource}. */
export interface ResolveMaskSourceOptions {
  /**
   * The form input to export. Needed only when a form has several segmentation inputs.
   *
   * @default {undefined} (auto-detect the single segmentation input)
   */
  inputId?: string;
}

/**
 * Checks that a project can export masks and finds where they are: the project itself
 * (`iat-segmentation`) or its one `tool-iat-segmentation` input (`form`).
 *
 * @param configuration The project configuration from the API.
 * @param options The input to use, for forms with several segmentation inputs.
 * @returns The mask source.
 * @throws {ConfigError} when the project type is not supported, the project (or input) is a
 * sequence, a form has no or several segmentation inputs and no `inputId` picks one, the
 * `inputId` names no segmentation input, or `inputId` is given for a non-form project.
 *
 * @example
 * ```ts
 * import { resolveMaskSource } from "@lab/masks";
 *
 * const source = resolveMaskSource({
 *   projectId: "p1",
 *   projectType: "form",
 *   metadata: { inputsLayout: [[[{ id: "seg", name: "Road", type: "tool-iat-segmentation" }]]] },
 * });
 * console.log(source.input?.id); // "seg"
 * ```
 */
export function resolveMaskSource(
  configuration: ProjectConfiguration,
  options: ResolveMaskSourceOptions = {},
): MaskSource {
  const { projectId, projectType } = configuration;
  if (projectType === "iat-segmentation") {
    if (options.inputId !== undefined) {
      throw new ConfigError(
        `Cannot use input "${options.inputId}" of project "${projectId}": it is an ` +
          `"iat-segmentation" project, which has no inputs; remove the input id`,
        { setting: "input-id" },
      );
    }
    refuseSequence(configuration.metadata?.toolOptions?.sequence, `project "${projectId}"`);
    return { projectId, projectType, labels: labelsOf(configuration.metadata) };
  }
  if (projectType === "form") {
    const input = pickInput(configuration, options.inputId);
    const metadata = input.config?.metadata;
    refuseSequence(
      metadata?.toolOptions?.sequence ?? configuration.metadata?.toolOptions?.sequence,
      `input "${input.id}" of project "${projectId}"`,
    );
    return {
      projectId,
      projectType,
      input: { id: input.id, name: input.name },
      labels: labelsOf(metadata),
    };
  }
  throw new ConfigError(
    `Cannot export project "${projectId}": its type is "${projectType}"; mask export supports ` +
      `"iat-segmentation" and "form" with a "${SEGMENTATION_INPUT_TYPE}" input`,
    { setting: "project-id" },
  );
}

function pickInput(configuration: ProjectConfiguration, inputId: string | undefined): FormInput {
  const candidates = findSegmentationInputs(configuration);
  const listed = candidates.map(describeInput).join(", ");
  const project = `project "${configuration.projectId}"`;
  if (inputId !== undefined) {
    const chosen = candidates.find((input) => input.id === inputId);
    if (chosen) return chosen;
    throw new ConfigError(
      candidates.length === 0
        ? `Input "${inputId}" is not a "${SEGMENTATION_INPUT_TYPE}" input of ${project}: ` +
          `the form has no segmentation input, so it has no masks to export`
        : `Input "${inputId}" is not a "${SEGMENTATION_INPUT_TYPE}" input of ${project}; ` +
          `choose one of: ${listed}`,
      { setting: "input-id" },
    );
  }
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    throw new ConfigError(
      `Cannot export ${project}: the form has no "${SEGMENTATION_INPUT_TYPE}" input, so it has ` +
        `no masks to export`,
      { setting: "project-id" },
    );
  }
  throw new ConfigError(
    `Cannot choose the input of ${project}: it has ${candidates.length} segmentation inputs; ` +
      `pick one with the input id: ${listed}`,
    { setting: "input-id" },
  );
}

function describeInput(input: FormInput): string {
  return input.name ? `"${input.id}" (${input.name})` : `"${input.id}"`;
}

function refuseSequence(sequence: boolean | undefined, what: string): void {
  if (sequence === true) {
    throw new ConfigError(
      `Cannot export ${what}: it is a video/sequence project, and mask export supports ` +
        `single images only`,
      { setting: "project-id" },
    );
  }
}
