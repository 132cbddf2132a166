import { ConfigError } from "../errors.ts";
import { CALLBACK, checkArgumentType, TEXT } from "../option_types.ts";

/** The lab API the SDK talks to when `ISAHIT_LAB_API_ENDPOINT` is not set. */
export const DEFAULT_ENDPOINT = "https://hub-api.isahit.com/";

/** The endpoint and credentials of the lab API. */
export interface LabCredentials {
  /** The API base URL. */
  endpoint: string;
  /** `ISAHIT_LAB_API_ACCESS_ID`. */
  accessId: string;
  /** `ISAHIT_LAB_API_SECRET_KEY`. Never print it. */
  secretKey: string;
  /** Where the endpoint came from: `--endpoint` or `ISAHIT_LAB_API_ENDPOINT`, for errors. */
  endpointSetting: string;
}

/**
 * Reads the lab endpoint and credentials from the SDK's environment variables:
 * `ISAHIT_LAB_API_ACCESS_ID`, `ISAHIT_LAB_API_SECRET_KEY` and `ISAHIT_LAB_API_ENDPOINT`.
 *
 * @param env Looks up an environment variable, e.g. `(name) => Deno.env.get(name)`.
 * @param endpoint An endpoint that overrides `ISAHIT_LAB_API_ENDPOINT` (the `--endpoint` flag).
 * @returns The endpoint and credentials.
 * @throws {ConfigError} when a credential is missing or the endpoint is not an http(s) URL.
 * @throws {TypeError} when an argument is not of its type.
 *
 * @example
 * ```ts
 * import { credentialsFromEnv } from "@lab/masks/api";
 *
 * const env: Record<string, string> = {
 *   ISAHIT_LAB_API_ACCESS_ID: "id",
 *   ISAHIT_LAB_API_SECRET_KEY: "secret",
 * };
 * console.log(credentialsFromEnv((name) => env[name]).endpoint); // "https://hub-api.isahit.com/"
 * ```
 */
export function credentialsFromEnv(
  env: (name: string) => string | undefined,
  endpoint?: string,
): LabCredentials {
  checkArgumentType(env, "env", CALLBACK);
  if (endpoint !== undefined) checkArgumentType(endpoint, "endpoint", TEXT);
  const accessId = env("ISAHIT_LAB_API_ACCESS_ID")?.trim() ?? "";
  const secretKey = env("ISAHIT_LAB_API_SECRET_KEY")?.trim() ?? "";
  const missing = [
    accessId === "" ? "ISAHIT_LAB_API_ACCESS_ID" : undefined,
    secretKey === "" ? "ISAHIT_LAB_API_SECRET_KEY" : undefined,
  ].filter((name) => name !== undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `The lab credentials are missing: set ${missing.join(" and ")} in the environment ` +
        `(your access id and secret key, from your lab account's API settings)`,
      { setting: missing[0] === "ISAHIT_LAB_API_ACCESS_ID" ? "accessId" : "secretKey" },
    );
  }
  const base = endpoint?.trim() || env("ISAHIT_LAB_API_ENDPOINT")?.trim() || DEFAULT_ENDPOINT;
  const setting = endpoint?.trim()
    ? "--endpoint"
    : env("ISAHIT_LAB_API_ENDPOINT")?.trim()
    ? "ISAHIT_LAB_API_ENDPOINT"
    : "the default endpoint";
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {
    // Reported below, with the protocol check.
  }
  if (url?.protocol !== "https:" && url?.protocol !== "http:") {
    throw new ConfigError(
      `The endpoint "${base}" given by ${setting} is not an http(s) URL; give one like ` +
        DEFAULT_ENDPOINT,
      { setting: "endpoint" },
    );
  }
  return { endpoint: url.href, accessId, secretKey, endpointSetting: setting };
}
