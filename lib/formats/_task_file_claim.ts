import type { Task } from "../api/types.ts";
import { maskFilePath } from "../model/mask_file_path.ts";
import type { MaskFileRegistry } from "../model/mask_file_registry.ts";

/** The mask path a task asked for, and the one the registry gave it (with why they differ). */
export interface TaskFileClaim {
  /** `<task name>.png`, as the mask export names it before de-duplication. */
  wanted: string;
  /** The portable, unique path given. */
  file: string;
  /** Why `file` is not `wanted`. */
  reason?: string;
}

/**
 * Claims a task's mask path in a one-file export's registry, exactly as the mask export names the
 * task's mask: the one-file formats derive their entries' names from it (YOLO's label files, COCO's
 * image file names), so two tasks of one name are told apart as their masks are. `folder` (a
 * split) goes before the name, as the mask export puts a split's masks in its folder.
 *
 * @throws {TaskError} when the task's name cannot name a file (absolute, `..`, empty).
 */
export function claimTaskFile(
  registry: MaskFileRegistry,
  task: Task,
  options: { replaceExtension: boolean; folder?: string; fileKind?: string },
): TaskFileClaim {
  const { replaceExtension, folder, fileKind } = options;
  const wanted = (folder === undefined ? "" : `${folder}/`) +
    maskFilePath(task, { replaceExtension, fileKind });
  return { wanted, ...registry.claimFile(wanted, String(task._id)) };
}
