/**
 * Projects of dense vector annotations, whose pages cost much once parsed, for the tests of pages
 * asked again in smaller pages.
 *
 * @module
 */
import type { Task } from "../../lib/api/types.ts";
import type { FakeProject } from "../../testing/fake_lab.ts";
import { SAMPLE_LABELS } from "../../testing/lab_projects.ts";

/**
 * An `iat-polygon` task `t<nn>` (`i` from 0, two digits) whose one polygon (a car) has `vertices`
 * vertices on a circle, each coordinate a fraction of the image written with 5 characters
 * (`0.151` to `0.851`): tasks of one `vertices` count have text of the same length and shape, so
 * they cost the same once parsed.
 */
export function densePolygonTask(i: number, vertices: number): Task {
  const number = String(i).padStart(2, "0");
  const centre = 48 + (i % 5);
  const fraction = (hundredths: number) => (Math.round(hundredths) * 10 + 1) / 1000;
  const points = Array.from({ length: vertices }, (_, v) => {
    const angle = (2 * Math.PI * v) / vertices;
    return [fraction(centre + 33 * Math.cos(angle)), fraction(centre + 33 * Math.sin(angle))];
  });
  return {
    _id: `t${number}`,
    name: `dense/frame_${number}.jpg`,
    projectId: "dense",
    status: "complete",
    data: {
      body: {
        image: { width: 128, height: 128 },
        annotations: [{
          id: `a${number}`,
          labels: { Objects: { labels: [{ id: "car", name: "Car" }] } },
          polygons: [{ geometry: { vertices: points.flat() } }],
        }],
      },
    },
  };
}

/** Project `dense`, an `iat-polygon` project of `tasks` with {@linkcode SAMPLE_LABELS}. */
export function denseProject(tasks: Task[]): FakeProject {
  return {
    configuration: {
      projectId: "dense",
      projectType: "iat-polygon",
      metadata: { labelOptions: { availableLabels: { objects: SAMPLE_LABELS } } },
    },
    tasks,
  };
}

/**
 * What `task` costs once parsed, by the documented estimate of `maxPageParsedBytes` counted by
 * hand: its text, 3 more per byte of its strings (quotes included), plus 320 per `{` or `[`, 160
 * per `:` and 224 per `,` (none of its strings holds one of these).
 */
export function documentedCost(task: Task): number {
  const text = JSON.stringify(task);
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const stringBytes = (text.match(/"(?:[^"\\]|\\.)*"/g) ?? []).join("").length;
  return text.length + 3 * stringBytes + 320 * count(/[{[]/g) + 160 * count(/:/g) +
    224 * count(/,/g);
}

/** The `[page, limit]` of each tasks request `requests` holds, in order. */
export function pagesAsked(
  requests: { path: string; query: URLSearchParams }[],
): [number, number][] {
  return requests.filter((request) => request.path === "/api/task-manager/tasks")
    .map((request) => [Number(request.query.get("page")), Number(request.query.get("limit"))]);
}
