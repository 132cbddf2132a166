/**
 * Input detection: which projects can export masks, where a task's mask is, and which labels
 * (with their blue-channel values) a mask uses.
 *
 * @example
 * ```ts
 * import { resolveMaskSource } from "@lab/masks/detect";
 *
 * const source = resolveMaskSource({ projectId: "p1", projectType: "iat-segmentation" });
 * console.log(source.projectType); // "iat-segmentation"
 * ```
 *
 * @module
 */
export * from "./find_segmentation_inputs.ts";
export * from "./labels_of.ts";
export * from "./resolve_mask_source.ts";
export * from "./resolve_semantic_mapping.ts";
export * from "./task_mask.ts";
export * from "./class_table.ts";
export * from "./with_b_channels.ts";
export * from "./load_semantic_mapping.ts";
export * from "./pinned_class_map.ts";
