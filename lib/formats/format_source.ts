import type { ConfigurationMetadata, FormInput, ProjectConfiguration } from "../api/types.ts";
import { formInputs } from "../detect/find_segmentation_inputs.ts";
import { projectTypeText } from "../detect/project_type_text.ts";
import { ConfigError } from "../errors.ts";
import { mention, settingMessage } from "../_setting_message.ts";
import type { OneFileFormatName } from "./one_file_formats.ts";

// The format setting, named in passing: `--format lab` on the command line.
const FORMAT = mention("format");

/** How a project or form input draws: a mask with pixel approximations, or normalized shapes. */
export type Geometry = "segmentation" | "polygon" | "rectangle" | "polyline" | "graph";

/** Where a one-file export finds its annotations and labels. */
export interface FormatSource {
  /** The project id. */
  projectId: string;
  /** The project type, e.g. `iat-rectangle` or `form`. */
  projectType: string;
  /** How the project or the chosen input draws; `undefined` for `lab`, which keeps every task whole. */
  geometry?: Geometry;
  /** For a form project, the input whose answers are exported (`data.body.<id>`). */
  input?: { id: string; name?: string };
  /** The configuration metadata the labels come from: the project's, or the input's `config`. */
  metadata?: ConfigurationMetadata;
}

const GEOMETRY_BY_TYPE: Readonly<Record<string, Geometry>> = {
  "iat-segmentation": "segmentation",
  "iat-polygon": "polygon",
  "iat-rectangle": "rectangle",
  "iat-polyline": "polyline",
  "iat-graph": "graph",
};

// the export formats spec: what each format accepts.
const ACCEPTED: Readonly<Record<"yolo" | "yolo-seg" | "coco", readonly Geometry[]>> = {
  yolo: ["segmentation", "polygon", "rectangle", "polyline", "graph"],
  "yolo-seg": ["segmentation"],
  coco: ["segmentation", "polygon", "rectangle"],
};

/**
 * Checks that a project can be exported in a one-file format and finds what to read: `lab` takes
 * every project and keeps tasks whole; `yolo` and `coco` take the project types their format can
 * hold, or the one form input of such a type (`inputId` picks among several), and refuse
 * sequences.
 *
 * @param configuration The project configuration from the API.
 * @param format The format: `lab`, `yolo`, `yolo-seg` or `coco`.
 * @param options The form input to export, when the form has several that fit.
 * @returns Where the annotations and labels are.
 * @throws {ConfigError} when the project type or input does not fit the format, the project or
 * input is a sequence, or a form has none or several fitting inputs and `inputId` picks none.
 *
 * @example
 * ```ts
 * import { resolveFormatSource } from "@lab/masks/formats";
 *
 * const source = resolveFormatSource({ projectId: "p1", projectType: "iat-polyline" }, "yolo");
 * console.log(source.geometry); // "polyline"
 * ```
 */
export function resolveFormatSource(
  configuration: ProjectConfiguration,
  format: OneFileFormatName,
  options: { inputId?: string } = {},
): FormatSource {
  const { projectId, projectType, metadata } = configuration;
  const project = `project "${projectId}"`;
  if (format === "lab") {
    if (options.inputId !== undefined) {
      throw new ConfigError(
        settingMessage`${FORMAT} lab keeps every task whole, with all its inputs; remove the input id "${options.inputId}"`,
        { setting: "inputId" },
      );
    }
    return { projectId, projectType, metadata };
  }
  const accepted = ACCEPTED[format];
  const geometry = GEOMETRY_BY_TYPE[projectType];
  if (geometry !== undefined && accepted.includes(geometry)) {
    if (options.inputId !== undefined) {
      throw new ConfigError(
        `Cannot use input "${options.inputId}" of ${project}: it is an "${projectType}" ` +
          "project, which has no inputs; remove the input id",
        { setting: "inputId" },
      );
    }
    refuseSequence(metadata, `${project}`, format);
    return { projectId, projectType, geometry, metadata };
  }
  const typesAccepted = accepted.map((kind) => `"iat-${kind}"`).join(", ");
  if (projectType !== "form") {
    throw new ConfigError(
      settingMessage`Cannot export ${project} with ${FORMAT} ${format}: ${
        projectTypeText(projectType)
      }; ${format} supports ${typesAccepted} and "form" with such an input`,
      { setting: "format" },
    );
  }
  const fitting = formInputs(configuration).filter((input) =>
    accepted.includes(GEOMETRY_BY_TYPE[input.type.replace(/^tool-/, "")])
  );
  const input = pickInput(fitting, options.inputId, { project, format, typesAccepted });
  const inputMetadata = input.config?.metadata;
  refuseSequence(
    inputMetadata?.toolOptions?.sequence === undefined ? metadata : inputMetadata,
    `input "${input.id}" of ${project}`,
    format,
  );
  return {
    projectId,
    projectType,
    geometry: GEOMETRY_BY_TYPE[input.type.replace(/^tool-/, "")],
    input: { id: input.id, name: input.name },
    metadata: inputMetadata,
  };
}

function pickInput(
  fitting: FormInput[],
  inputId: string | undefined,
  about: { project: string; format: string; typesAccepted: string },
): FormInput {
  const { project, format, typesAccepted } = about;
  const listed = fitting.map((input) => `"${input.id}" (${input.type})`).join(", ");
  if (inputId !== undefined) {
    const chosen = fitting.find((input) => input.id === inputId);
    if (chosen) return chosen;
    throw new ConfigError(
      settingMessage`Input "${inputId}" of ${project} cannot be exported with ${FORMAT} ${format}; ${
        fitting.length ? `choose one of: ${listed}` : `the form has no ${typesAccepted} input`
      }`,
      { setting: "inputId" },
    );
  }
  if (fitting.length === 1) return fitting[0];
  throw new ConfigError(
    fitting.length === 0
      ? settingMessage`Cannot export ${project} with ${FORMAT} ${format}: the form has no input of a type ${format} supports (${
        typesAccepted.replaceAll('"iat-', '"tool-iat-')
      })`
      : settingMessage`Cannot choose the input of ${project}: ${fitting.length} inputs fit ${FORMAT} ${format}; pick one with the input id: ${listed}`,
    { setting: "inputId" },
  );
}

function refuseSequence(
  metadata: ConfigurationMetadata | undefined,
  what: string,
  format: string,
): void {
  if (metadata?.toolOptions?.sequence === true) {
    throw new ConfigError(
      settingMessage`Cannot export ${what} with ${FORMAT} ${format}: it is a video/sequence project, which ${format} does not support; ${FORMAT} lab exports sequences`,
      { setting: "format" },
    );
  }
}
