/**
 * The self-test's checks of one use of the Action: its outputs, the job summary, and the files
 * of the artifact it uploaded against the manifest's SHA-256. It prints one `ok:` line per
 * check, or an `::error::` line per problem and exits 1.
 *
 * ```sh
 * deno run --allow-read .github/scripts/check_export.ts \
 *   --outputs "$OUTPUTS" --exported 5 --skipped 1 --uploaded \
 *   --artifact downloaded/street --masks 5 \
 *   --summary-beside "$GITHUB_STEP_SUMMARY" --summary-includes "Uploaded as <code>street</code>"
 * ```
 *
 * @module
 */
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";

/** What to check; every field left out is not checked. */
export interface ExportChecks {
  /** The step's outputs, as `${{ toJSON(steps.<id>.outputs) }}` gives them. */
  outputs?: Record<string, string>;
  /** The expected `exported-count`. */
  exported?: number;
  /** The expected `skipped-count`. */
  skipped?: number;
  /** The expected `failed-count`. @default {0} when `outputs` is given */
  failed?: number;
  /** Whether an artifact was uploaded (`artifact-id` and `artifact-url` set) or not. */
  uploaded?: boolean;
  /** A downloaded artifact (or an export folder): its files are checked against its manifest. */
  artifact?: string;
  /** The number of mask files the artifact's manifest lists. */
  masks?: number;
  /** A job summary file: it and the other `step_summary_*` files beside it are searched. */
  summaryBeside?: string;
  /** Texts the job summary must hold. */
  summaryIncludes?: string[];
}

const OUTPUT_NAMES = ["output-path", "manifest-path", "exported-count", "skipped-count"];

/**
 * Runs the checks.
 *
 * @param checks What to check.
 * @returns One line per check that passed (`ok: ...`) and one per problem (`problem: ...`).
 */
export async function checkExport(checks: ExportChecks): Promise<string[]> {
  const lines: string[] = [];
  const expect = (holds: boolean, what: string) =>
    lines.push(`${holds ? "ok" : "problem"}: ${what}`);
  const { outputs } = checks;
  if (outputs !== undefined) {
    const missing = [...OUTPUT_NAMES, "failed-count"].filter((name) => !(name in outputs));
    expect(
      missing.length === 0,
      `the step set its outputs (missing: ${missing.join(", ") || "none"})`,
    );
    const counts: [string, number | undefined][] = [
      ["exported-count", checks.exported],
      ["skipped-count", checks.skipped],
      ["failed-count", checks.failed ?? 0],
    ];
    for (const [name, expected] of counts) {
      if (expected === undefined) continue;
      expect(outputs[name] === String(expected), `${name} is ${expected} (got "${outputs[name]}")`);
    }
    if (checks.uploaded !== undefined) {
      const set = Boolean(outputs["artifact-id"]) && Boolean(outputs["artifact-url"]);
      const cleared = !outputs["artifact-id"] && !outputs["artifact-url"];
      expect(
        checks.uploaded ? set : cleared,
        `artifact-id and artifact-url are ${checks.uploaded ? "set" : "empty"}`,
      );
    }
  }
  if (checks.artifact !== undefined) lines.push(...await checkFiles(checks.artifact, checks.masks));
  if (checks.summaryBeside !== undefined) {
    const summary = await summaryText(checks.summaryBeside);
    for (const text of checks.summaryIncludes ?? []) {
      expect(summary.includes(text), `the job summary says ${JSON.stringify(text)}`);
    }
  }
  return lines;
}

/** Checks every file the manifest lists against its SHA-256, and that no mask is unlisted. */
async function checkFiles(folder: string, masks: number | undefined): Promise<string[]> {
  const lines: string[] = [];
  let text: string;
  try {
    text = await Deno.readTextFile(join(folder, "manifest.jsonl"));
  } catch (error) {
    return [`problem: ${folder} has no readable manifest.jsonl (${(error as Error).message})`];
  }
  const listed = new Set<string>();
  for (const line of text.split("\n").filter((line) => line.trim() !== "")) {
    const entry = JSON.parse(line) as {
      taskId: string;
      files?: { path: string; sha256: string }[];
    };
    for (const file of entry.files ?? []) {
      listed.add(file.path);
      let bytes: Uint8Array;
      try {
        bytes = await Deno.readFile(join(folder, ...file.path.split("/")));
      } catch {
        lines.push(`problem: "${file.path}" (task ${entry.taskId}) is not in ${folder}`);
        continue;
      }
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      if (sha256 !== file.sha256) {
        lines.push(
          `problem: "${file.path}" (task ${entry.taskId}) has SHA-256 ${sha256}, the manifest ` +
            `says ${file.sha256}`,
        );
      }
    }
  }
  const unlisted = (await pngFiles(folder)).filter((path) => !listed.has(path));
  if (unlisted.length > 0) {
    lines.push(`problem: masks the manifest does not list: ${unlisted.join(", ")}`);
  }
  if (masks !== undefined && listed.size !== masks) {
    lines.push(`problem: the manifest lists ${listed.size} mask files, not ${masks}`);
  }
  if (lines.length === 0) {
    lines.push(`ok: the ${listed.size} mask files of ${folder} match the manifest's SHA-256`);
  }
  return lines;
}

async function pngFiles(folder: string, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(join(folder, ...prefix.split("/").filter(Boolean)))) {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory) found.push(...await pngFiles(folder, `${path}/`));
    else if (path.endsWith(".png")) found.push(path);
  }
  return found;
}

/** The job summary so far: the runner keeps each step's summary file in one folder. */
async function summaryText(beside: string): Promise<string> {
  const folder = dirname(beside);
  const parts: string[] = [];
  for await (const entry of Deno.readDir(folder)) {
    if (entry.isFile && entry.name.startsWith("step_summary_")) {
      parts.push(await Deno.readTextFile(join(folder, entry.name)));
    }
  }
  return parts.join("\n");
}

/** Reads the command line into checks. */
export function parseChecks(args: string[]): ExportChecks {
  const { values } = parseArgs({
    args,
    options: {
      outputs: { type: "string" },
      exported: { type: "string" },
      skipped: { type: "string" },
      failed: { type: "string" },
      uploaded: { type: "boolean" },
      "not-uploaded": { type: "boolean" },
      artifact: { type: "string" },
      masks: { type: "string" },
      "summary-beside": { type: "string" },
      "summary-includes": { type: "string", multiple: true },
    },
    strict: true,
  });
  const count = (value: string | undefined) => value === undefined ? undefined : Number(value);
  return {
    outputs: values.outputs === undefined ? undefined : JSON.parse(values.outputs),
    exported: count(values.exported),
    skipped: count(values.skipped),
    failed: count(values.failed),
    uploaded: values.uploaded ? true : values["not-uploaded"] ? false : undefined,
    artifact: values.artifact,
    masks: count(values.masks),
    summaryBeside: values["summary-beside"],
    summaryIncludes: values["summary-includes"],
  };
}

if (import.meta.main) {
  const lines = await checkExport(parseChecks(Deno.args));
  for (const line of lines) {
    console.log(line.startsWith("problem: ") ? `::error::${line.slice(9)}` : line);
  }
  Deno.exitCode = lines.some((line) => line.startsWith("problem: ")) ? 1 : 0;
}
