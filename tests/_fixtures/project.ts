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

import type { FakeProject } from "../../testing/fake_lab.ts";
import { SAMPLE_LABELS } from "../../testing/lab_projects.ts";

/**
 * An `iat-polygon` project with {@linkcode SAMPLE_LABELS} and one task, `t1`, whose one triangle
 * (a car) is drawn on an image of `size`.
 */
export function trianglePolygonProject(
  projectId: string,
  taskName: string,
  size: { width: number; height: number },
): FakeProject {
  return {
    configuration: {
      projectId,
      projectType: "iat-polygon",
      metadata: { labelOptions: { availableLabels: { objects: SAMPLE_LABELS } } },
    },
    tasks: [{
      _id: "t1",
      name: taskName,
      data: {
        body: {
          image: size,
          annotations: [{
            id: "a1",
            labels: { Objects: { labels: [{ id: "car", name: "Car" }] } },
            polygons: [{ geometry: { vertices: [0, 0, 1, 0, 1, 1] } }],
          }],
        },
      },
    }],
  };
}
