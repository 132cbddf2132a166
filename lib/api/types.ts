/**
 * The shapes of the lab API's documents, as the lab API spec describes them. Fields the
 * export does not read are kept loose (`unknown`), so new server fields never break parsing.
 *
 * @module
 */

/** A label of a project or form input. `bChannel` is the value written in the mask's blue channel. */
export interface Label {
  /** The label id; what `semanticMapping` keys on. */
  id: string;
  /** The label's display name. */
  name?: string;
  /** The label's colour as `#rrggbb`. */
  color?: string;
  /** The blue-channel value (1..255) of this label in segmentation masks. */
  bChannel?: number;
}

/** The label part of a configuration's metadata. */
export interface LabelOptions {
  /** The main lists, each with the keys of `availableLabels` it shows. */
  mainLists?: { name: string; keys?: string[] }[];
  /** Labels by list key. */
  availableLabels?: Record<string, Label[]>;
}

/** A `form` project's input, e.g. a `tool-iat-segmentation` one. */
export interface FormInput {
  /** The input id; for a form, answers live under `data.body.<id>`. */
  id: string;
  /** The input's display name. */
  name?: string;
  /** The input type, e.g. `tool-iat-segmentation` or `text`. */
  type: string;
  /** The input's own configuration (labels, tool options), shaped like a project's. */
  config?: { metadata?: ConfigurationMetadata };
}

/** The metadata of a project configuration (or of a form input's config). */
export interface ConfigurationMetadata {
  /** Tool options; `sequence: true` marks a video/sequence project. */
  toolOptions?: { sequence?: boolean; [option: string]: unknown };
  /** The labels. */
  labelOptions?: LabelOptions;
  /** For `form` projects: rows of columns of inputs. */
  inputsLayout?: FormInput[][][];
}

/** A project configuration, from `GET .../projects/{id}/project-configuration`. */
export interface ProjectConfiguration {
  /** The configuration's own id. */
  _id?: string;
  /** The project id. */
  projectId: string;
  /** One of `form`, `iat-rectangle`, `iat-polygon`, `iat-segmentation`, `iat-graph`, `iat-polyline`. */
  projectType: string;
  /** Labels, tool options and (for forms) inputs. */
  metadata?: ConfigurationMetadata;
}

/** A task's annotation data. The mask is at `body.mask` or `body.<inputId>.mask`. */
export interface TaskData {
  /** The answers: for segmentation `{ image, mask, annotations }`. */
  body?: Record<string, unknown>;
  /** Extra metadata merged into `body` by the SDK's JSON export. */
  metadata?: { body?: Record<string, unknown> };
  /** Other fields (`createdAt`, `type`, `projectType`...). */
  [field: string]: unknown;
}

/** A task document as the API returns it. */
export interface Task {
  /** The task id. */
  _id: string;
  /** The task name: free text, not unique, may contain `/`. */
  name: string;
  /** The project id. */
  projectId?: string;
  /** The batch id. */
  batchId?: string;
  /** The status, e.g. `complete` or `reviewed`. */
  status?: string;
  /** When the task was created (ISO 8601). */
  createdAt?: string;
  /** When the task was last updated (ISO 8601). */
  updatedAt?: string;
  /** The task's properties. */
  properties?: Record<string, unknown>;
  /** The task's resources (images). */
  resources?: unknown[];
  /** The annotation data; absent for a task never annotated. */
  data?: TaskData | null;
}

/** One page of `GET api/task-manager/tasks`. */
export interface TaskPage {
  /** The tasks of this page, in the server's stable order. */
  docs: Task[];
  /** How many tasks match the filters in all. */
  totalDocs: number;
  /** The page size. */
  limit: number;
  /** How many pages there are. */
  totalPages: number;
  /** This page's number, from 1. */
  page: number;
  /** Whether another page follows. */
  hasNextPage: boolean;
  /** The next page's number, or `null`. */
  nextPage: number | null;
}

/**
 * The SDK's get-tasks filters, with camel-case names. Dates accept `YYYY-MM-DD HH:MM:SS` and ISO
 * 8601. See the lab API spec, "Tasks", for how each reaches the API.
 */
export interface TaskFilters {
  /** Only tasks of these batches (`batch_id_in`). */
  batchIdIn?: string[];
  /** Only tasks with these statuses, e.g. `complete`, `reviewed` (`status_in`). */
  statusIn?: string[];
  /** Only these task ids (`task_id_in`). */
  taskIdIn?: string[];
  /** Only tasks with these exact names (`name_in`). */
  nameIn?: string[];
  /** Only tasks whose name contains this substring (`name_like`). */
  nameLike?: string;
  /** Created strictly after this date (`created_at_gt`). */
  createdAtGt?: string;
  /** Created at or after this date (`created_at_gte`). */
  createdAtGte?: string;
  /** Created strictly before this date (`created_at_lt`). */
  createdAtLt?: string;
  /** Created at or before this date (`created_at_lte`). */
  createdAtLte?: string;
  /** Updated strictly after this date (`updated_at_gt`). */
  updatedAtGt?: string;
  /** Updated at or after this date (`updated_at_gte`). */
  updatedAtGte?: string;
  /** Updated strictly before this date (`updated_at_lt`). */
  updatedAtLt?: string;
  /** Updated at or before this date (`updated_at_lte`). */
  updatedAtLte?: string;
  /** Task data fields that must equal these values (`data`). */
  data?: Record<string, string>;
  /** Task properties that must equal these values (`properties`). */
  properties?: Record<string, string>;
  /** Extra fields to include in each task (`optional_fields`). */
  optionalFields?: string[];
}
