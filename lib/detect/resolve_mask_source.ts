import type { FormInput, Label, ProjectConfiguration } from "../api/types.ts";
import { ConfigError } from "../errors.ts";
import { formInputs, SEGMENTATION_INPUT_TYPE } from "./find_segmentation_inputs.ts";
import { labelsOf } from "./labels_of.ts";
import { withBChannels } from "./with_b_channels.ts";
import { projectTypeText } from "./project_type_text.ts";

/** The project types whose masks can be exported. */
export const SUPPORTED_PROJECT_TYPES: readonly string[] = [
  "iat-segmentation",
  "iat-polygon",
  "iat-rectangle",
  "form",
];

/** How a project draws, and so how its masks are made. */
export type MaskKind = "mask" | "polygon" | "rectangle";

// The kind of each project type and form input type that has masks.
const KIND_BY_PROJECT_TYPE: Readonly<Record<string, MaskKind>> = {
  "iat-segmentation": "mask",
  "iat-polygon": "polygon",
  "iat-rectangle": "rectangle",
};
const KIND_BY_INPUT_TYPE: Readonly<Record<string, MaskKind>> = {
  [SEGMENTATION_INPUT_TYPE]: "mask",
  "tool-iat-polygon": "polygon",
  "tool-iat-rectangle": "rectangle",
};

/** Where a project's masks live and which labels they use. */
export interface MaskSource {
  /** The project id. */
  projectId: string;
  /** The project type: `iat-segmentation`, `iat-polygon`, `iat-rectangle` or `form`. */
  projectType: string;
  /**
   * `mask`: the platform stores a PNG mask per task; `polygon`, `rectangle`: masks are
   * rasterized from the task's vector annotations.
   *
   * @default {"mask"}
   */
  kind?: MaskKind;
  /** For a form project, the input whose masks are exported. */
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
 * import { resolveMaskSource } from "@lab/masks/detect";
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
  const kind = KIND_BY_PROJECT_TYPE[projectType];
  if (kind) {
    if (options.inputId !== undefined) {
      throw new ConfigError(
        `Cannot use input "${options.inputId}" of project "${projectId}": it is an ` +
          `"${projectType}" project, which has no inputs; remove the input id`,
        { setting: "inputId" },
      );
    }
    refuseSequence(configuration.metadata?.toolOptions?.sequence, `project "${projectId}"`);
    const labels = labelsOf(configuration.metadata);
    return {
      projectId,
      projectType,
      kind,
      labels: kind === "mask" ? labels : withBChannels(labels),
    };
  }
  if (projectType === "form") {
    const input = pickInput(configuration, options.inputId);
    const metadata = input.config?.metadata;
    refuseSequence(
      metadata?.toolOptions?.sequence ?? configuration.metadata?.toolOptions?.sequence,
      `input "${input.id}" of project "${projectId}"`,
    );
    const inputKind = KIND_BY_INPUT_TYPE[input.type];
    const labels = labelsOf(metadata);
    return {
      projectId,
      projectType,
      kind: inputKind,
      input: { id: input.id, name: input.name },
      labels: inputKind === "mask" ? labels : withBChannels(labels),
    };
  }
  throw new ConfigError(
    `Cannot export project "${projectId}": ${projectTypeText(projectType)}; mask export supports ` +
      `"iat-segmentation", "iat-polygon", "iat-rectangle" and "form" with a ` +
      `"${SEGMENTATION_INPUT_TYPE}", "tool-iat-polygon" or "tool-iat-rectangle" input`,
    { setting: "projectId" },
  );
}

function pickInput(configuration: ProjectConfiguration, inputId: string | undefined): FormInput {
  const usable = formInputs(configuration).filter((input) => KIND_BY_INPUT_TYPE[input.type]);
  const segmentation = usable.filter((input) => input.type === SEGMENTATION_INPUT_TYPE);
  const project = `project "${configuration.projectId}"`;
  if (inputId !== undefined) {
    const chosen = usable.find((input) => input.id === inputId);
    if (chosen) return chosen;
    throw new ConfigError(
      usable.length === 0
        ? `Input "${inputId}" has no masks: ${project} has no "${SEGMENTATION_INPUT_TYPE}", ` +
          `"tool-iat-polygon" or "tool-iat-rectangle" input, so it has no masks to export`
        : `Input "${inputId}" is not an input of ${project} with masks; choose one of: ` +
          usable.map(describeInput).join(", "),
      { setting: "inputId" },
    );
  }
  // Auto-detection counts segmentation inputs only, unlike the SDK (`lab-api.md`, "SDK quirk");
  // a form without one may still have a single polygon or rectangle input.
  const candidates = segmentation.length > 0 ? segmentation : usable;
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    throw new ConfigError(
      `Cannot export ${project}: the form has no "${SEGMENTATION_INPUT_TYPE}" input (nor a ` +
        `polygon or rectangle input), so it has no masks to export`,
      { setting: "projectId" },
    );
  }
  const what = segmentation.length > 0 ? "segmentation" : "polygon and rectangle";
  throw new ConfigError(
    `Cannot choose the input of ${project}: it has ${candidates.length} ${what} inputs; ` +
      `pick one with the input id: ${candidates.map(describeInput).join(", ")}`,
    { setting: "inputId" },
  );
}

function describeInput(input: FormInput): string {
  const kind = input.type === SEGMENTATION_INPUT_TYPE ? "" : `, ${input.type}`;
  return input.name || kind ? `"${input.id}" (${input.name ?? ""}${kind})` : `"${input.id}"`;
}

function refuseSequence(sequence: boolean | undefined, what: string): void {
  if (sequence === true) {
    throw new ConfigError(
      `Cannot export ${what}: it is a video/sequence project, and mask export supports ` +
        `single images only`,
      { setting: "projectId" },
    );
  }
}
