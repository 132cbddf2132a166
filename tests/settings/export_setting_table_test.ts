import assert from "../_std/assert.ts";
import { parse } from "yaml";
import { EXPORT_SETTINGS, keyOf, readOptions } from "../../lib/settings/export_setting_table.ts";
import { EXPORT_FLAGS } from "../../lib/cli/export_flag_table.ts";
import { parseExportFlags } from "../../lib/cli/export_flags.ts";
import { exportHelp } from "../../lib/cli/help.ts";
import { FILTER_INPUTS, settingOf } from "../../action/inputs.ts";
import { ConfigError } from "../../lib/errors.ts";
import { ROOT } from "../action/_composite.ts";

interface ActionYml {
  inputs: Record<string, { default?: string }>;
}

Deno.test("action.yml declares one input per row of the settings table that has one, in its order", async () => {
  const action = parse(await Deno.readTextFile(`${ROOT}/action.yml`)) as ActionYml;
  const rows = EXPORT_SETTINGS.filter((row) => row.input !== undefined);
  const declared = Object.keys(action.inputs).filter((name) => name !== "deno-version");
  assert.deepEqual(declared, rows.map((row) => row.input));
  for (const row of rows) {
    const input = action.inputs[row.input!];
    const boolean = input.default === "true" || input.default === "false";
    assert.equal(
      boolean,
      row.kind === "boolean",
      `${row.input}: a switch has a true/false default`,
    );
    assert.equal(settingOf(row.input!), keyOf(row), `${row.input} names its setting`);
  }
  assert.deepEqual(FILTER_INPUTS["status-in"], { filter: "statusIn", list: true });
});

Deno.test("the CLI's flags and --help are the table's rows with a flag, in its order", () => {
  const rows = EXPORT_SETTINGS.filter((row) => row.flag !== undefined);
  assert.deepEqual(EXPORT_FLAGS.map((flag) => flag.name), rows.map((row) => row.flag));
  const help = exportHelp();
  for (const row of rows) assert.ok(help.includes(row.help), `--help shows ${row.flag}'s line`);
  assert.equal(new Set(EXPORT_SETTINGS.map(keyOf)).size, EXPORT_SETTINGS.length, "one row a key");
});

Deno.test("a row's parser serves both edges: the flag and readOptions() give the same option", () => {
  const command = parseExportFlags(["--project-id", "p", "--shard", "2/4", "--memory-budget", "3"]);
  assert.deepEqual(command.settings.shard, { index: 2, count: 4 });
  assert.equal(command.settings.memoryBudgetBytes, 3 * 2 ** 20);
  const fromInputs = readOptions(
    { text: (row) => row.input === "shard" ? "2/4" : undefined, boolean: () => false },
    (row) => row.input !== undefined,
  );
  assert.deepEqual(fromInputs.shard, command.settings.shard);
  assert.equal(fromInputs.maxPixels, undefined, "the Action has no max-pixels input");
  assert.ok(!("maxPixels" in fromInputs));
  assert.throws(
    () => parseExportFlags(["--project-id", "p", "--concurrency", "0"]),
    (error) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.setting, "concurrency");
      assert.equal(
        String(error.message),
        'options.concurrency must be a whole number from 1 to 256; got "0"',
      );
      return true;
    },
  );
});
