import assert from "../_std/assert.ts";
import denoJson from "../../deno.json" with { type: "json" };
import { ROOT } from "../action/_composite.ts";

/** The names an entry point exports, types included, from `deno doc --json`. */
async function exportedNames(entry: string): Promise<string[]> {
  const doc = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", entry],
    cwd: ROOT,
    stdin: "null",
  }).output();
  assert.equal(doc.code, 0, new TextDecoder().decode(doc.stderr));
  const json: { nodes: Record<string, { symbols?: { name: string }[] }> } = JSON.parse(
    new TextDecoder().decode(doc.stdout),
  );
  const names = Object.values(json.nodes).flatMap((node) => node.symbols ?? []);
  return [...new Set(names.map((symbol) => symbol.name))].sort();
}

Deno.test("the root exports what a script needs, and growing it is a decision", async () => {
  // Change this list only on purpose: a root name is a promise to every script.
  assert.deepEqual(
    await exportedNames("mod.ts"),
    [
      "ApiError",
      "ConfigError",
      "ConfigurationMetadata",
      "ConvertMaskOptions",
      "DEFAULT_ENDPOINT",
      "ExportEvent",
      "ExportFileSource",
      "ExportFileSourceOptions",
      "ExportFormat",
      "ExportMasksOptions",
      "ExportSettings",
      "ExportSummary",
      "FileSystem",
      "FormInput",
      "LabClient",
      "LabClientFromEnvOptions",
      "LabClientOptions",
      "Label",
      "LabelOptions",
      "LabelStatistics",
      "ListedTasks",
      "MaskFile",
      "MaskFilesOptions",
      "MaskFormat",
      "MasksError",
      "OneFileFormatName",
      "Platform",
      "PngError",
      "ProjectConfiguration",
      "RequestEvent",
      "RgbColour",
      "SemanticMapping",
      "SettingNamer",
      "SettingRole",
      "SettingText",
      "Shard",
      "SplitCount",
      "SplitPart",
      "Task",
      "TaskData",
      "TaskError",
      "TaskFilters",
      "TaskOutcome",
      "TaskPage",
      "TaskPagesOptions",
      "TaskSource",
      "UnsafePathError",
      "convertMask",
      "exportMasks",
      "maskFiles",
    ].sort(),
  );
  const root = await import("../../mod.ts");
  assert.deepEqual(Object.keys(root).sort(), [
    "ApiError",
    "ConfigError",
    "DEFAULT_ENDPOINT",
    "ExportFileSource",
    "LabClient",
    "MasksError",
    "PngError",
    "TaskError",
    "UnsafePathError",
    "convertMask",
    "exportMasks",
    "maskFiles",
  ]);
});

Deno.test("the cli entry exports run, main, their options and VERSION", async () => {
  assert.deepEqual(await exportedNames("cli.ts"), [
    "ClientSettings",
    "RunOptions",
    "VERSION",
    "main",
    "run",
  ]);
});

Deno.test("no published entry exports the export's internals", async () => {
  const internals = [
    "ExportFolderFs",
    "ExportReport",
    "ManifestWriter",
    "MaskFileRegistry",
    "exitCodeOf",
    "jsonArrayItems",
    "taskQuery",
  ];
  const entries = Object.values(denoJson.exports);
  assert.ok(entries.length >= 10, "every subpath is read");
  for (const entry of entries) {
    const names = await exportedNames(entry);
    assert.ok(names.length > 0, entry);
    assert.deepEqual(names.filter((name) => internals.includes(name)), [], entry);
  }
});
