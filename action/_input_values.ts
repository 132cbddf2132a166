/**
 * The checks of single input values: each takes the trimmed text (`undefined` when the input is
 * empty) and returns the typed value, or throws a {@linkcode ConfigError} naming the input and
 * the fix. Reading the inputs stays in `inputs.ts`.
 *
 * @module
 */
import { ConfigError } from "../lib/errors.ts";

// upload-artifact refuses these in an artifact name; better to say so before a long export.
const ARTIFACT_NAME_FORBIDDEN = /["\\/:<>|*?\r\n]/;

/** `endpoint`: an http(s) URL, normalized. */
export function endpointOf(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new ConfigError(
      `Input "endpoint" is ${JSON.stringify(value)}, not an http(s) URL: write it like ` +
        `"https://hub-api.isahit.com/", or leave it out for that default.`,
      { setting: "endpoint" },
    );
  }
  return url.href;
}

/** `artifact-name`: a name upload-artifact accepts. */
export function artifactNameOf(value: string): string {
  if (ARTIFACT_NAME_FORBIDDEN.test(value)) {
    throw new ConfigError(
      `Input "artifact-name" is ${JSON.stringify(value)}: an artifact name cannot hold ` +
        `" : < > | * ? \\ / or a line break.`,
      { setting: "artifactName" },
    );
  }
  return value;
}

/** `retention-days`: a whole number of days, at least 1. */
export function retentionDaysOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1) {
    throw new ConfigError(
      `Input "retention-days" is ${JSON.stringify(value)}: give a whole number of days, at ` +
        `least 1 (at most 90 unless the repository allows more), or leave it out for the ` +
        `repository's setting.`,
      { setting: "retentionDays" },
    );
  }
  return days;
}
