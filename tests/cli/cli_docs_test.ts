import assert from "../_std/assert.ts";
import { EXPORT_FLAGS } from "../../lib/cli/export_flag_table.ts";
import { runCli } from "../_fixtures/run_cli.ts";

const DOC = new URL("../../docs/command-line.md", import.meta.url);

/** The flags a text names at the start of its lines' `cells`: `--name` and `-x` forms. */
function flagsIn(cells: string[]): { long: string[]; short: string[] } {
  const long = cells.flatMap((cell) => [...cell.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)]);
  const short = cells.flatMap((cell) => [...cell.matchAll(/(?<![\w-])-([a-zA-Z])\b/g)]);
  return {
    long: long.map((match) => match[1]).sort(),
    short: short.map((match) => match[1]).sort(),
  };
}

/** Each `export` flag's row in docs/command-line.md: the first cell of the options table. */
async function documentedFlags(): Promise<string[]> {
  const text = await Deno.readTextFile(DOC);
  const table = text.slice(
    text.indexOf("## Options of `export`"),
    text.indexOf("\n## ", text.indexOf("## Options of `export`") + 1),
  );
  return table.split("\n").filter((line) => line.startsWith("| `-")).map((line) =>
    line.split(/(?<!\\)\|/)[1]
  );
}

const DEFINED = {
  long: EXPORT_FLAGS.map((flag) => flag.name).sort(),
  short: EXPORT_FLAGS.flatMap((flag) => flag.short ?? []).sort(),
};

Deno.test("docs/command-line.md has one row for each export flag, and no row for a flag that is not defined", async () => {
  const rows = await documentedFlags();
  assert.equal(rows.length, EXPORT_FLAGS.length);
  assert.deepEqual(flagsIn(rows), DEFINED);
  for (const [i, flag] of EXPORT_FLAGS.entries()) {
    const { long, short } = flagsIn([rows[i]]);
    assert.deepEqual([long, short], [[flag.name], flag.short ? [flag.short] : []], rows[i]);
    if (flag.value) assert.ok(rows[i].includes(flag.value.replace("|", "\\|")), rows[i]);
  }
});

Deno.test("export --help lists exactly the defined flags, with their short forms and values", async () => {
  const help = (await runCli(["export", "--help"])).stdout;
  const options = help.slice(help.indexOf("Options"), help.indexOf("Examples:")).split("\n")
    .filter((line) => /^ {2}(-\w, | {4})--/.test(line));
  assert.deepEqual(flagsIn(options.map((line) => line.trim().split(/ {2,}/)[0])), DEFINED);
  for (const flag of EXPORT_FLAGS) {
    const label = `${flag.short ? `-${flag.short}, ` : "    "}--${flag.name}` +
      (flag.value ? ` ${flag.value}` : "");
    assert.ok(options.some((line) => line.startsWith(`  ${label} `)), label);
  }
});

Deno.test("--help and docs/command-line.md give the same exit codes and date formats", async () => {
  const doc = await Deno.readTextFile(DOC);
  const help = (await runCli(["export", "--help"])).stdout;
  const helpCodes = [...help.slice(help.indexOf("Exit codes:")).matchAll(/^ {2}(\d+) /gm)]
    .map((match) => match[1]);
  const docCodes = [...doc.slice(doc.indexOf("## Exit codes")).matchAll(/^\| (\d+) /gm)]
    .map((match) => match[1]);
  assert.deepEqual(helpCodes, ["0", "1", "2", "3", "130", "143"]);
  assert.deepEqual(docCodes, helpCodes);
  for (const format of ["YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM", "YYYY-MM-DD", "ISO 8601"]) {
    assert.ok(help.includes(format), `--help: ${format}`);
    assert.ok(doc.includes(`\`${format}\``) || doc.includes(format), `docs: ${format}`);
  }
});
