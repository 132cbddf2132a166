import { credentialsFromEnv } from "../api/credentials_from_env.ts";
import { insecureEndpointWarning } from "../api/insecure_endpoint_warning.ts";
import { LabClient } from "../api/lab_client.ts";
import { ConfigError } from "../errors.ts";
import { FlagValueError, parseFlags, UnknownFlagError } from "../_std/cli.ts";
import { closestWord } from "./closest_word.ts";
import type { ClientSettings } from "./run_export.ts";

/** The `config` command's `--help`. */
export const CONFIG_HELP = `Print a project's configuration as the lab API returns it: the JSON file
"export --from-export <file> --config <file>" reads to convert an export file offline.

Usage:
  lab-masks config --project-id <id> > config.json

Options:
  --project-id <id>        the project (required)
  --endpoint <url>         the lab API (default $ISAHIT_LAB_API_ENDPOINT or https://hub-api.isahit.com/)
  --allow-insecure-http    allow a plain http:// endpoint on another machine
  -h, --help               show this help

The credentials are read from ISAHIT_LAB_API_ACCESS_ID and ISAHIT_LAB_API_SECRET_KEY, as for export.
`;

const FLAGS = ["project-id", "endpoint", "allow-insecure-http", "help"];

/** Where the `config` command reads and writes. */
export interface ConfigIo {
  /** Looks up an environment variable. */
  env: (name: string) => string | undefined;
  /** Writes to standard output: the configuration. */
  stdout: (text: string) => void;
  /** Writes to standard error: warnings. */
  stderr: (text: string) => void;
  /** Settings of the lab client (retries, timeouts). */
  client?: ClientSettings;
}

/**
 * The `config` command: fetches a project's configuration and prints it as JSON (two-space
 * indent, a final newline), the file `--from-export` needs with `--config`.
 *
 * @param args The arguments after `config`.
 * @param io The environment and output streams.
 * @returns The exit code, 0; errors are thrown for the caller to report.
 * @throws {ConfigError} on a bad flag, a missing project id or missing credentials;
 * {ApiError} when the lab fails.
 */
export async function runConfig(args: readonly string[], io: ConfigIo): Promise<number> {
  let flags;
  try {
    flags = parseFlags(args, {
      string: ["project-id", "endpoint"],
      boolean: ["allow-insecure-http", "help"],
      short: { h: "help" },
    });
  } catch (error) {
    if (error instanceof FlagValueError) {
      throw new ConfigError(`${error.message}; see "config --help"`);
    }
    if (!(error instanceof UnknownFlagError)) throw error;
    const word = error.flag.replace(/^-+/, "");
    // `--project` is the start of `--project-id`, too far for a typo.
    const nearest = FLAGS.find((flag) => word.length >= 3 && flag.startsWith(word)) ??
      closestWord(word, FLAGS);
    throw new ConfigError(
      `Unknown option "${error.flag}" for "config"` +
        (nearest ? `; did you mean "--${nearest}"?` : `; see "config --help"`),
    );
  }
  if (flags.help) {
    io.stdout(CONFIG_HELP);
    return 0;
  }
  if (flags._.length > 0) {
    throw new ConfigError(`Unexpected argument "${flags._[0]}"; see "config --help"`);
  }
  const projectId = typeof flags["project-id"] === "string" ? flags["project-id"].trim() : "";
  if (projectId === "") {
    throw new ConfigError(
      'Option "--project-id" is missing: give the project whose configuration to print, like ' +
        "lab-masks config --project-id proj_123 > config.json",
      { setting: "projectId" },
    );
  }
  const endpoint = typeof flags.endpoint === "string" ? flags.endpoint : undefined;
  const allowInsecureHttp = flags["allow-insecure-http"] === true;
  const { endpointSetting, ...credentials } = credentialsFromEnv(io.env, endpoint);
  const warning = insecureEndpointWarning(credentials.endpoint);
  if (warning !== undefined && allowInsecureHttp) io.stderr(`warning: ${warning}\n`);
  const client = new LabClient({
    ...io.client,
    ...credentials,
    endpointSetting,
    allowInsecureHttp,
  });
  const configuration = await client.getProjectConfiguration(projectId);
  io.stdout(`${JSON.stringify(configuration, null, 2)}\n`);
  return 0;
}
