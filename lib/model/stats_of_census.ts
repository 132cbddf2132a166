import type { ClassTable } from "../detect/class_table.ts";
import type { MaskCensus } from "../png/mask_census.ts";
import type { MaskStats } from "./mask_stats.ts";

/**
 * The statistics of a mask from its pixels' census (counted by the kernels while transcoding).
 *
 * @param census Which B values labelled pixels have, and each instance's first B.
 * @param table The project's class table.
 * @returns The labels and instances present.
 */
export function statsOfCensus(census: MaskCensus, table: ClassTable): MaskStats {
  const { bSeen, firstB } = census;
  const instances: Record<string, string | null> = {};
  let instanceCount = 0;
  for (let r = 1; r < 256; r++) {
    if (firstB[r] < 0) continue;
    instanceCount++;
    instances[String(r)] = table.labelByBChannel[firstB[r]] ?? null;
  }
  const bChannels: number[] = [];
  for (let b = 0; b < 256; b++) if (bSeen[b] === 1) bChannels.push(b);
  const labels: string[] = [];
  for (const entry of table.classes) {
    const { id, bChannel } = entry;
    if (bSeen[bChannel] === 1 && table.labelByBChannel[bChannel] === id) labels.push(id);
  }
  return { labels, instanceCount, instances, bChannels };
}
