import type { ClassTable } from "../detect/class_table.ts";

/**
 * The `labelmap.json` of a class-index or palette export: the background index, the ignore index
 * and each class's id, name, index, colour and bChannel, in index order; with a pinned map whose
 * labels left the configuration, also `reserved`: their id, name, index and colour.
 *
 * @param table The class table.
 * @returns The file's text.
 *
 * @example
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 * import { labelmapJson } from "@lab/masks/export";
 *
 * const json = JSON.parse(labelmapJson(classTable([{ id: "car", name: "Car", bChannel: 1 }])));
 * console.log(json.classes[0].index); // 1
 * ```
 */
export function labelmapJson(table: ClassTable): string {
  const classes = table.classes.map(({ id, name, index, colour, bChannel }) => ({
    id,
    name,
    index,
    colour,
    bChannel,
  }));
  const map: Record<string, unknown> = { background: 0, ignoreIndex: table.ignoreIndex, classes };
  // Only pinned maps have it, so other exports' files stay as they were.
  if (table.reserved.length > 0) {
    map.reserved = table.reserved.map(({ id, name, index, colour }) => ({
      id,
      name,
      index,
      colour,
    }));
  }
  return `${JSON.stringify(map, null, 2)}\n`;
}

/**
 * The `labelmap.txt` of a class-index or palette export, in CVAT's "Segmentation mask" (Pascal
 * VOC) style: `name:r,g,b::` per line, the background first, in index order: line `i` is class
 * `i`, so an index a pinned map leaves unused gets a line too (a reserved label's, else
 * `unused<i>:0,0,0::`).
 *
 * @param table The class table.
 * @returns The file's text.
 *
 * @example
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 * import { labelmapTxt } from "@lab/masks/export";
 *
 * console.log(labelmapTxt(classTable([{ id: "car", name: "Car", color: "#ff0000", bChannel: 1 }])));
 * // # label:color_rgb:parts:actions
 * // background:0,0,0::
 * // Car:255,0,0::
 * ```
 */
export function labelmapTxt(table: ClassTable): string {
  const line = (name: string, colour: readonly number[]) =>
    `${name.replace(/[:\r\n]/g, "_")}:${colour.join(",")}::`;
  const lines = ["# label:color_rgb:parts:actions", line("background", [0, 0, 0])];
  const byIndex = new Map(
    [...table.reserved, ...table.classes].map((entry) => [entry.index, entry]),
  );
  const highest = Math.max(0, ...byIndex.keys());
  for (let index = 1; index <= highest; index++) {
    const entry = byIndex.get(index);
    lines.push(entry ? line(entry.name, entry.colour) : line(`unused${index}`, [0, 0, 0]));
  }
  return [...lines, ""].join("\n");
}
