/**
 * The `verify` command: checks an export folder against its manifest.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";
import { inertText } from "../inert_text.ts";
import { verifyExport, type VerifyReport } from "../dataset/verify_export.ts";
import { commandArgs } from "./command_args.ts";

/** Where the command writes. */
export interface CommandIo {
  /** Writes to standard output. */
  stdout: (text: string) => void;
}

/** The `verify` command's help. */
export const VERIFY_HELP =
  `Check an export folder against its manifest: every file's bytes against its sha256, every
mask's decoded pixels against its pixelSha256, the dataset id against the manifest; files
missing, changed, or there unlisted (a link or non-regular file is reported, never followed).

Usage:
  lab-masks verify <export folder> [--json]

Options:
  --json      print the findings as JSON on stdout
  -h, --help  show this help

Exit codes:
  0  intact
  1  something differs (named on stdout)
  2  not an export folder (no manifest.jsonl or export.json), or a usage error
`;

/**
 * Runs `verify` with its arguments.
 *
 * @param args The arguments after `verify`.
 * @param io Where to write.
 * @returns The exit code: 0 intact, 1 differs.
 * @throws {ConfigError} on a usage error, or when the folder is not an export.
 *
 * @example
 * ```ts ignore
 * const code = await runVerify(["./lab_mask_export", "--json"], { stdout: console.log });
 * ```
 */
export async function runVerify(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = commandArgs(args, { command: "verify", flags: ["json"], operands: 1 });
  if (parsed.help) {
    io.stdout(VERIFY_HELP);
    return 0;
  }
  const [folder] = parsed.operands;
  if (folder === undefined) {
    throw new ConfigError(`"verify" needs the export folder to check; see "verify --help"`);
  }
  const report = await verifyExport(folder);
  io.stdout(parsed.flags.has("json") ? `${JSON.stringify(report, null, 2)}\n` : verifyText(report));
  return report.intact ? 0 : 1;
}

/** The findings as lines of text. */
function verifyText(report: VerifyReport): string {
  const where = JSON.stringify(report.folder);
  if (report.intact) {
    const id = report.datasetId === undefined ? "" : `; dataset id ${report.datasetId}`;
    return `Intact: ${where}, ${report.checked} files as the manifest says${id}\n`;
  }
  const lines = [`Differs: ${where} is not as its manifest says`];
  for (const file of report.changed) {
    const what = file.reason === "pixelSha256"
      ? "pixels changed"
      : file.reason === "sha256"
      ? "bytes changed"
      : file.reason;
    lines.push(`  changed: ${name(file.path)} (${what}: ${inertText(file.detail)})`);
  }
  for (const path of report.missing) lines.push(`  missing: ${name(path)}`);
  for (const { path, kind } of report.unlisted) {
    const what = kind === "link"
      ? " (a symbolic link, not followed)"
      : kind === "other"
      ? " (not a regular file)"
      : "";
    lines.push(`  unlisted: ${name(path)}${what}`);
  }
  if (report.datasetIdMatches === false) {
    lines.push(
      `  dataset id: the manifest's pixel digests do not give the ${report.datasetId} export.json records`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function name(path: string): string {
  return inertText(JSON.stringify(path));
}
