import type { ClassTable } from "../detect/class_table.ts";

/**
 * The `labelmap.json` of a class-index or palette export: the background index, the ignore index
 * and each class's id, name, index, colour and bChannel.
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
  return `${JSON.stringify({ background: 0, ignoreIndex: table.ignoreIndex, classes }, null, 2)}\n`;
}

/**
 * The `labelmap.txt` of a class-index or palette export, in CVAT's "Segmentation mask" (Pascal
 * VOC) style: `name:r,g,b::` per line, the background first, in index order.
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
  return [
    "# label:color_rgb:parts:actions",
    line("background", [0, 0, 0]),
    ...table.classes.map((entry) => line(entry.name, entry.colour)),
    "",
  ].join("\n");
}
