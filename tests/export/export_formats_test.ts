import assert from "../_std/assert.ts";
import { parse } from "yaml";
import { ConfigError } from "../../lib/errors.ts";
import {
  EXPORT_FORMAT_ENTRIES,
  EXPORT_FORMATS,
  formatHelp,
  parseExportFormat,
} from "../../lib/export/export_formats.ts";
import { exportHelp } from "../../lib/cli/help.ts";
import { EXPORT_SETTINGS } from "../../lib/settings/export_setting_table.ts";
import { ROOT } from "../action/_composite.ts";

/** The cells of a markdown table's rows, code quotes kept, the header and rule left out. */
function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.startsWith(header));
  assert.ok(start >= 0, `the table starting "${header}" is there`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

Deno.test("docs/export-formats.md's table is the registry's, one row per format in its order", async () => {
  const docs = await Deno.readTextFile(`${ROOT}/docs/export-formats.md`);
  const rows = tableRows(docs, "| format ");
  assert.deepEqual(
    rows,
    EXPORT_FORMAT_ENTRIES.map((entry) => [
      `\`${entry.name}\``,
      entry.file,
      entry.projects,
      entry.fromSdk,
    ]),
  );
});

Deno.test("--format's help line and choices come from the registry", () => {
  const row = EXPORT_SETTINGS.find((row) => row.flag === "format")!;
  assert.equal(row.help, formatHelp());
  assert.ok(exportHelp().includes(formatHelp()));
  assert.equal(
    formatHelp(),
    "mask (default: PNG files), or one file: lab (JSON), yolo (zip), yolo-seg (zip of polygons " +
      "from masks), coco (JSON)",
  );
  for (const name of EXPORT_FORMATS) {
    assert.equal(parseExportFormat(name), name);
    assert.ok(formatHelp().includes(`${name} (`), `--help names ${name}`);
  }
  assert.throws(() => parseExportFormat("png"), (error) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(
      error.message,
      'The format "png" is unknown; choose one of mask, lab, yolo, yolo-seg, coco',
    );
    return true;
  });
});

Deno.test("action.yml's format input names exactly the registry's formats, the default first", async () => {
  const action = parse(await Deno.readTextFile(`${ROOT}/action.yml`)) as {
    inputs: Record<string, { description: string; default?: string }>;
  };
  const input = action.inputs.format;
  assert.equal(input.default, EXPORT_FORMATS[0]);
  const named = [...input.description.matchAll(/`([a-z-]+)`/g)].map((match) => match[1]);
  assert.deepEqual(named, [...EXPORT_FORMATS]);
  // The Action reads the input with the row's parser: the registry's.
  const row = EXPORT_SETTINGS.find((row) => row.input === "format")!;
  assert.ok("parse" in row && row.parse === parseExportFormat);
});

Deno.test("each format's entry says what it writes: one folder for masks, one file for the others", () => {
  assert.deepEqual(
    EXPORT_FORMAT_ENTRIES.map((entry) => [entry.name, entry.output]),
    [["mask", "folder"], ["lab", "file"], ["yolo", "file"], ["yolo-seg", "file"], ["coco", "file"]],
  );
});
