/**
 * The report's charts as inline SVG: one horizontal bar per label, and histograms.
 *
 * @module
 */

import type { RgbColour } from "../detect/resolve_semantic_mapping.ts";
import { escapeHtml } from "./escape_html.ts";
import type { HistogramBin } from "./histogram.ts";
import type { LabelStatistics } from "./label_statistics.ts";

const ROW = 22;
const NAME_WIDTH = 220;
const BAR_WIDTH = 360;

/**
 * One row per label: its colour, name and id, a bar for the tasks containing it, and its
 * instances and pixel share as text; absent labels are marked.
 */
export function labelBarsSvg(labels: readonly LabelStatistics[], taskCount: number): string {
  const most = Math.max(1, ...labels.map((label) => label.tasks));
  const rows = labels.map((label, i) => {
    const y = i * ROW;
    const width = Math.round((label.tasks / most) * BAR_WIDTH);
    const absent = label.tasks === 0;
    const text = absent
      ? "absent"
      : `${label.tasks} tasks · ${label.instances} instances · ${percent(label.pixelShare)} px`;
    return `<g class="${absent ? "absent" : "present"}" data-label="${escapeHtml(label.id)}">` +
      `<title>${escapeHtml(`${label.name} (${label.id}): ${text} of ${taskCount} tasks`)}</title>` +
      `<rect x="0" y="${y + 4}" width="14" height="14" fill="${
        hex(label.colour)
      }" stroke="#888"/>` +
      `<text x="20" y="${y + 16}">${escapeHtml(clip(label.name))} <tspan class="id">${
        escapeHtml(clip(label.id))
      }</tspan></text>` +
      `<rect x="${NAME_WIDTH}" y="${y + 3}" width="${width}" height="16" fill="${
        hex(label.colour)
      }" stroke="#555"/>` +
      `<text x="${NAME_WIDTH + width + 6}" y="${y + 16}" class="value">${text}</text></g>`;
  });
  const height = Math.max(ROW, labels.length * ROW);
  return `<svg role="img" aria-label="Labels" width="${NAME_WIDTH + BAR_WIDTH + 280}" ` +
    `height="${height}" viewBox="0 0 ${NAME_WIDTH + BAR_WIDTH + 280} ${height}">` +
    `${rows.join("")}</svg>`;
}

/** Vertical bars, one per bin, with its count above and its label below. */
export function histogramSvg(title: string, bins: readonly HistogramBin[]): string {
  const most = Math.max(1, ...bins.map((bin) => bin.count));
  const column = 48;
  const plot = 120;
  const bars = bins.map((bin, i) => {
    const height = Math.round((bin.count / most) * plot);
    const x = i * column + 8;
    return `<g><title>${escapeHtml(`${bin.label}: ${bin.count} tasks`)}</title>` +
      `<rect x="${x}" y="${20 + plot - height}" width="${column - 16}" height="${height}" ` +
      `fill="#4a7fb5"/><text x="${x + (column - 16) / 2}" y="${14 + plot - height}" ` +
      `text-anchor="middle" class="value">${bin.count}</text>` +
      `<text x="${x + (column - 16) / 2}" y="${plot + 36}" text-anchor="middle" class="bin">${
        escapeHtml(bin.label)
      }</text></g>`;
  });
  const width = bins.length * column;
  return `<svg role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${
    plot + 44
  }" viewBox="0 0 ${width} ${plot + 44}">${bars.join("")}</svg>`;
}

function hex(colour: RgbColour): string {
  return `#${colour.map((value) => value.toString(16).padStart(2, "0")).join("")}`;
}

function percent(share: number): string {
  return share > 0 && share < 0.001 ? "< 0.1%" : `${(share * 100).toFixed(1)}%`;
}

function clip(text: string): string {
  return text.length > 28 ? `${text.slice(0, 27)}…` : text;
}
