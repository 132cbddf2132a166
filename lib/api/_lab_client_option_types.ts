/**
 * The value types of a `LabClient`'s options, checked when it is made (see
 * `lib/option_types.ts`); the endpoint's form and the credentials' presence are `ConfigError`s of
 * `_check_settings.ts`, since a user gives them.
 *
 * @module
 */

import {
  CALLBACK,
  checkOptionTypes,
  either,
  type OptionTypes,
  SIGNAL,
  SWITCH,
  TEXT,
  URL_OBJECT,
  wholeNumber,
} from "../option_types.ts";
import type { LabClientFromEnvOptions, LabClientOptions } from "./lab_client_options.ts";

/** A credential of the wrong type is named by its kind, never shown. */
const CREDENTIAL = { ...TEXT, secret: true };

const LAB_CLIENT_OPTION_TYPES: OptionTypes<LabClientOptions & LabClientFromEnvOptions> = {
  endpoint: either(TEXT, URL_OBJECT),
  accessId: CREDENTIAL,
  secretKey: CREDENTIAL,
  fetch: CALLBACK,
  maxRetries: wholeNumber(0),
  retryDelayMs: wholeNumber(0),
  timeoutMs: wholeNumber(1),
  retryBudgetMs: wholeNumber(1),
  signal: SIGNAL,
  onToken: CALLBACK,
  endpointSetting: TEXT,
  pageSize: wholeNumber(1),
  maxResponseBytes: wholeNumber(1),
  maxTaskBytes: wholeNumber(1),
  maxPageParsedBytes: wholeNumber(1),
  allowInsecureHttp: SWITCH,
  onWarning: CALLBACK,
  onRequest: CALLBACK,
  env: CALLBACK,
};

/**
 * Checks the value types and ranges of a client's options (or `fromEnv`'s).
 *
 * @param options The options as given.
 * @throws {TypeError} naming the first option of the wrong type (`allowInsecureHttp: "no"`).
 * @throws {RangeError} naming the first number out of its range (`maxRetries: -1`).
 *
 * @example
 * ```ts
 * import { checkLabClientOptionTypes } from "./_lab_client_option_types.ts";
 *
 * try {
 *   checkLabClientOptionTypes({ endpoint: "https://a.example/", accessId: "a", secretKey: "s", maxRetries: -1 });
 * } catch (error) {
 *   console.log((error as Error).message); // "options.maxRetries must be a whole number of at least 0; got -1"
 * }
 * ```
 */
export function checkLabClientOptionTypes(
  options: Partial<LabClientOptions & LabClientFromEnvOptions>,
): void {
  checkOptionTypes(options, LAB_CLIENT_OPTION_TYPES);
}
