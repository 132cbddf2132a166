/**
 * A lab client pointed at a fake lab, with retries that do not wait.
 *
 * @module
 */
import { LabClient } from "../../lib/api/lab_client.ts";
import type { LabClientOptions } from "../../lib/api/lab_client_options.ts";
import type { FakeLab } from "../../testing/fake_lab.ts";

/** A client of `lab` (its URL and credentials), retrying after 1 ms; `options` override. */
export function clientOf(lab: FakeLab, options: Partial<LabClientOptions> = {}): LabClient {
  const { url: endpoint, accessId, secretKey } = lab;
  return new LabClient({ endpoint, accessId, secretKey, retryDelayMs: 1, ...options });
}
