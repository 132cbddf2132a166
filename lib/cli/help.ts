import { EXPORT_FLAGS } from "./export_flags.ts";

const EXIT_CODES = `Exit codes:
  0    every task with a mask was exported (or there was nothing to export)
  1    some tasks failed (each is listed with its id, name and reason); the others were exported
  2    usage or configuration error (flags, credentials, permissions, output folder, project type,
       input, mapping, a damaged earlier export); nothing exported
  3    API error (credentials rejected, no access, unknown project, server unreachable)
  130  interrupted by Ctrl-C (SIGINT): the masks written are complete; the command to resume is printed
  143  stopped by SIGTERM: the same as 130

More: README.md and docs/ in the package: command-line.md (every option), github-action.md,
migrating-from-the-python-sdk.md, export-formats.md, mask-formats.md, file-names.md,
incremental-resume-shards.md, security.md, library.md`;

const ENVIRONMENT = `Environment:
  ISAHIT_LAB_API_ACCESS_ID    your access id (required)
  ISAHIT_LAB_API_SECRET_KEY   your secret key (required; never printed)
  ISAHIT_LAB_API_ENDPOINT     the lab API (default https://hub-api.isahit.com/)
  NO_COLOR                    no colours in the output`;

/**
 * The program's `--help`: its commands, environment and exit codes.
 *
 * @param version The package version.
 * @returns The help text.
 *
 * @example
 * ```ts
 * import { programHelp } from "./help.ts";
 *
 * console.log(programHelp("1.0.0").includes("export")); // true
 * ```
 */
export function programHelp(version: string): string {
  return `lab-masks ${version}: export isahit lab segmentation masks as PNG files

Usage:
  lab-masks <command> [options]
  (without installing: deno run -A cli.ts from a clone, deno run -A jsr:@lab/masks once published;
  see docs/install.md)

Commands:
  export    export a project's masks (see "export --help")
  config    print a project's configuration, for export --from-export --config (see "config --help")
  verify    check an export folder against its manifest, bytes and pixels (see "verify --help")
  diff      compare two exports: tasks added, removed, changed, per label (see "diff --help")
  demo      export an embedded sample project through a local fake lab; no account needed

Options:
  -h, --help      show this help
  -V, --version   show the version, and Deno's

${ENVIRONMENT}

${EXIT_CODES}
`;
}

/**
 * The `export` command's `--help`, listing every flag with examples that start with the words
 * that start the program, so they can be pasted as they are.
 *
 * @param program The words that start the program: `lab-masks`, `deno run -A cli.ts`...
 * @returns The help text.
 *
 * @example
 * ```ts
 * import { exportHelp } from "./help.ts";
 *
 * console.log(exportHelp().includes("lab-masks export --project-id proj_123")); // true
 * ```
 */
export function exportHelp(program = "lab-masks"): string {
  const labels = EXPORT_FLAGS.map((flag) =>
    `${flag.short ? `-${flag.short}, ` : "    "}--${flag.name}${flag.value ? ` ${flag.value}` : ""}`
  );
  const width = Math.max(...labels.map((label) => label.length)) + 2;
  const options = EXPORT_FLAGS.map((flag, i) => `  ${labels[i].padEnd(width)}${flag.help}`);
  return `Export the segmentation masks of a lab project as PNG files, one per task, like the
isahit SDK's export_tasks(format="mask"), with pixel-identical masks.

Usage:
  lab-masks export --project-id <id> [options]

Options (the SDK's parameter names; list options take repeats and commas):
${options.join("\n")}

Examples:
  # every task of a project, into ./lab_mask_<project id>_<date>/
  ${program} export --project-id proj_123
  # completed and reviewed tasks of one batch, updated since Christmas, as a.png not a.jpg.png
  ${program} export --project-id proj_123 --batch-id-in batch_a --status-in complete,reviewed \\
    --updated-at-gte "2024-12-25 00:00:00" --replace-extension
  # a fixed folder, with labels recoloured
  ${program} export --project-id proj_123 --output-folder ./output --output-filename my-export \\
    --semantic-mapping '{"car": [128, 64, 128], "person": [220, 20, 60]}'

Dates without an offset are UTC ("2024-12-25" is midnight UTC); add one for another zone,
e.g. "2024-12-25T00:00:00+01:00".

Masks follow the platform's convention: R = instance id, G = instance id % 255,
B = the label's bChannel; background is black.

${ENVIRONMENT}

${EXIT_CODES}
`;
}
