/**
 * The project builders of `@lab/masks/testing`, under the names the tests use.
 *
 * @module
 */
export {
  formConfiguration,
  formInput,
  maskTask,
  SAMPLE_LABELS as LABELS,
  segmentationConfiguration,
  segmentationProject,
} from "../../testing/lab_projects.ts";
