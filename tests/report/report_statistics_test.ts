import assert from "../_std/assert.ts";
import { classTable } from "../../lib/detect/class_table.ts";
import { histogram, INSTANCE_BINS, SHARE_BINS } from "../../lib/report/histogram.ts";
import { labelStatistics } from "../../lib/report/label_statistics.ts";
import { labelledShare, type ReportTask } from "../../lib/report/report_task.ts";
import { LABELS } from "../_fixtures/project.ts";

const TABLE = classTable([...LABELS, { id: "bike", name: "Bike", color: "#010203", bChannel: 4 }]);

function task(
  name: string,
  size: [number, number],
  instances: Record<string, string | null>,
  samples?: { samples: number; labelled: number; samplesByLabel: Record<string, number> },
): ReportTask {
  const labels = TABLE.classes.map((entry) => entry.id).filter((id) =>
    Object.values(instances).includes(id)
  );
  return {
    taskId: name,
    name,
    file: `${name}.png`,
    width: size[0],
    height: size[1],
    stats: { labels, instanceCount: Object.keys(instances).length, instances, bChannels: [] },
    preview: samples && { png: new Uint8Array(), ...samples },
  };
}

Deno.test("labelStatistics() counts tasks, instances and pixel shares per label, absent labels last", () => {
  const tasks = [
    // 100 px, 10 samples: each sample stands for 10 px. 3 car samples, 1 road sample.
    task("a", [10, 10], { "1": "car", "2": "car", "3": "road" }, {
      samples: 10,
      labelled: 4,
      samplesByLabel: { car: 3, road: 1 },
    }),
    // 400 px, 10 samples: each stands for 40 px. 2 car samples.
    task("b", [20, 20], { "1": "car", "9": null }, {
      samples: 10,
      labelled: 3,
      samplesByLabel: { car: 2 },
    }),
    task("c", [4, 4], {}),
  ];
  const labels = labelStatistics(tasks, TABLE.classes);
  assert.deepEqual(labels.map((label) => [label.id, label.tasks, label.instances]), [
    ["car", 2, 3],
    ["road", 1, 1],
    ["person", 0, 0],
    ["bike", 0, 0],
  ]);
  // Labelled: 4 × 10 + 3 × 40 = 160 px (the unknown label's sample counts as labelled).
  const share = Object.fromEntries(labels.map((label) => [label.id, label.pixelShare]));
  assert.equal(share.car, (3 * 10 + 2 * 40) / 160);
  assert.equal(share.road, 10 / 160);
  assert.equal(share.person, 0);
  assert.deepEqual(labels[0].colour, [0xe6, 0x19, 0x4b]);
});

Deno.test("labelStatistics() gives every label a zero share when no mask has a labelled pixel", () => {
  const labels = labelStatistics([
    task("a", [2, 2], {}, { samples: 4, labelled: 0, samplesByLabel: {} }),
  ], TABLE.classes);
  assert.deepEqual(labels.map((label) => label.pixelShare), [0, 0, 0, 0]);
});

Deno.test("labelledShare() is the labelled fraction of a task's samples, none without a preview", () => {
  assert.equal(
    labelledShare(task("a", [4, 4], {}, { samples: 8, labelled: 2, samplesByLabel: {} })),
    0.25,
  );
  assert.equal(labelledShare(task("b", [4, 4], {})), undefined);
});

Deno.test("histogram() puts each value in the first bin whose bound holds it", () => {
  const instances = histogram([0, 0, 1, 2, 3, 4, 5, 8, 9, 64, 65, 1000], INSTANCE_BINS);
  assert.deepEqual(instances.map((bin) => `${bin.label}:${bin.count}`), [
    "0:2",
    "1:1",
    "2:1",
    "3–4:2",
    "5–8:2",
    "9–16:1",
    "17–32:0",
    "33–64:1",
    "65+:2",
  ]);
  const shares = histogram([0, 0.0001, 0.01, 0.0100001, 0.3, 1], SHARE_BINS);
  assert.deepEqual(shares.map((bin) => bin.count), [1, 2, 1, 0, 0, 1, 0, 1]);
  assert.equal(shares[0].label, "empty");
});
