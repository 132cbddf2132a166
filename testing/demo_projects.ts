import type { Label, ProjectConfiguration, Task } from "../lib/api/types.ts";
import { encodeDataUri } from "../lib/raster/mask_data_uri.ts";
import type { FakeProject } from "./fake_lab.ts";
import { segmentationConfiguration } from "./lab_projects.ts";
import { drawMask, type MaskInstance, type MaskPngOptions, writeMaskPng } from "./mask_png.ts";

/** The id of the demo's `iat-segmentation` project. */
export const DEMO_SEGMENTATION_PROJECT = "proj_seg_demo";
/** The id of the demo's `form` project (a segmentation input among other inputs). */
export const DEMO_FORM_PROJECT = "proj_form_demo";

const SIZE = { width: 480, height: 270 };
const ROAD_LABELS: Label[] = [
  { id: "car", name: "Car", color: "#e6194b", bChannel: 1 },
  { id: "person", name: "Person", color: "#3cb44b", bChannel: 2 },
  { id: "road", name: "Road", color: "#4363d8", bChannel: 3 },
];
const FORM_LABELS: Label[] = [
  { id: "lane", name: "Lane marking", color: "#ffe119", bChannel: 10 },
  { id: "sign", name: "Traffic sign", color: "#f58231", bChannel: 11 },
];

/** A street scene: a road, `cars` cars and `people` people, each its own instance. */
function streetScene(seed: number, cars: number, people: number): MaskInstance[] {
  const instances: MaskInstance[] = [{ id: 1, bChannel: 3, rect: [0, 170, 480, 270] }];
  for (let i = 0; i < cars; i++) {
    const x = (seed * 37 + i * 131) % 380;
    instances.push({
      id: instances.length + 1,
      bChannel: 1,
      rect: [x, 150 + i * 9, x + 90, 205 + i * 9],
    });
  }
  for (let i = 0; i < people; i++) {
    const x = 30 + ((seed * 53 + i * 97) % 420);
    instances.push({ id: instances.length + 1, bChannel: 2, rect: [x, 120, x + 14, 185] });
    instances.push({ id: instances.length, bChannel: 2, circle: [x + 7, 112, 9] });
  }
  return instances;
}

function maskUri(instances: MaskInstance[], flavour: MaskPngOptions): string {
  return encodeDataUri(writeMaskPng(drawMask(SIZE, instances), flavour));
}

function task(id: string, name: string, body: Record<string, unknown> | undefined): Task {
  return {
    _id: id,
    name,
    batchId: "batch_a",
    status: "complete",
    createdAt: "2024-12-20T09:12:44.120Z",
    updatedAt: "2024-12-26T17:03:10.004Z",
    resources: [{ id: `res_${id}`, name, type: "image" }],
    properties: {},
    data: body === undefined ? undefined : { type: "default", body, metadata: { body: {} } },
  };
}

function segmentationProject(): FakeProject {
  const configuration = segmentationConfiguration(DEMO_SEGMENTATION_PROJECT, ROAD_LABELS);
  const image = { width: SIZE.width, height: SIZE.height };
  // Browsers write RGBA; other tools write RGB, palette or 16-bit PNGs: the export reads them all.
  const flavours: [string, MaskPngOptions][] = [
    ["street/frame_0001.jpg", { colourType: 6 }],
    ["street/frame_0002.jpg", { colourType: 2, filter: "cycle" }],
    ["street/frame_0003.jpg", { colourType: 3 }],
    ["street/frame_0004.jpg", { colourType: 6, interlace: true }],
    ["parking/lot_0001.jpg", { colourType: 6, bitDepth: 16 }],
    ["parking/lot_0002.jpg", { colourType: 2, idatChunkSize: 512 }],
  ];
  const tasks = flavours.map(([name, flavour], i) =>
    task(`task_${i + 1}`, name, {
      image,
      mask: maskUri(streetScene(i + 1, 1 + (i % 3), 1 + (i % 2)), flavour),
    })
  );
  tasks.push(task("task_7", "street/frame_0005.jpg", undefined));
  // Task names are not unique: the SDK overwrites the first mask, the export keeps both.
  tasks.push(
    task("task_8", "street/frame_0001.jpg", {
      image,
      mask: maskUri(streetScene(8, 2, 0), { colourType: 6 }),
    }),
  );
  return { configuration, tasks };
}

function formProject(): FakeProject {
  const configuration: ProjectConfiguration = {
    projectId: DEMO_FORM_PROJECT,
    projectType: "form",
    metadata: {
      inputsLayout: [
        [[{ id: "comment", name: "Comment", type: "text" }]],
        [[
          { id: "boxes", name: "Vehicles", type: "tool-iat-rectangle" },
          {
            id: "seg_main",
            name: "Road markings",
            type: "tool-iat-segmentation",
            config: {
              metadata: {
                toolOptions: { sequence: false },
                labelOptions: {
                  mainLists: [{ name: "Markings", keys: ["markings"] }],
                  availableLabels: { markings: FORM_LABELS },
                },
              },
            },
          },
        ]],
      ],
    },
  };
  const image = { width: SIZE.width, height: SIZE.height };
  const tasks = [1, 2, 3].map((n) => {
    const marks: MaskInstance[] = [
      { id: 1, bChannel: 10, rect: [40 * n, 200, 40 * n + 120, 210] },
      { id: 2, bChannel: 10, rect: [300, 190 + n, 460, 198 + n] },
      { id: 3, bChannel: 11, circle: [100 + 60 * n, 80, 20] },
    ];
    return task(`form_task_${n}`, `highway/cam_${n}.png`, {
      comment: { value: "ok" },
      seg_main: { image, mask: maskUri(marks, { colourType: n === 2 ? 2 : 6 }) },
    });
  });
  return { configuration, tasks };
}

/**
 * The demo's two sample projects, ready for `startFakeLab`: an `iat-segmentation` street project
 * whose masks come in several PNG flavours (RGBA, RGB, palette, interlaced, 16-bit), with a task
 * never annotated and two tasks of the same name; and a `form` project whose masks live under a
 * `tool-iat-segmentation` input next to a text and a rectangle input.
 *
 * @returns The projects, built anew on each call.
 *
 * @example
 * ```ts
 * import { demoProjects, startFakeLab } from "@lab/masks/testing";
 *
 * await using lab = await startFakeLab({ projects: demoProjects() });
 * console.log(lab.url.startsWith("http://127.0.0.1:")); // true
 * ```
 */
export function demoProjects(): FakeProject[] {
  return [segmentationProject(), formProject()];
}
