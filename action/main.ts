/**
 * The GitHub Action's entry, bundled into `action/dist/main.js` (`deno task bundle`) and run by
 * `action.yml`: it reads the inputs, runs the same {@linkcode exportMasks} as the command line,
 * annotates failed, renamed and skipped tasks and those with a warning, sets the outputs and
 * writes the job summary.
 *
 * @module
 */
import * as core from "@actions/core";
import * as log from "./_log.ts";
import { insecureEndpointWarning } from "../lib/api/insecure_endpoint_warning.ts";
import { LabClient } from "../lib/api/lab_client.ts";
import type { ExportEvent } from "../lib/model/export_summary.ts";
import { MasksError } from "../lib/errors.ts";
import { exportMasks } from "../lib/export/export_masks.ts";
import { formatSummary } from "../lib/output/format_summary.ts";
import { progressReporter } from "../lib/output/progress_reporter.ts";
import { failureMessage, inputHint } from "./_failure_message.ts";
import { TaskAnnotations } from "./_task_annotations.ts";
import { readInputs } from "./inputs.ts";
import { compareExports, setOutputs, writeJobSummary } from "./outputs.ts";

/**
 * Runs the Action once and returns its exit code: 0 when every task with a mask was exported (or
 * when tasks failed and `fail-on-error` is false), 1 when the step failed, with one `::error::`
 * line saying why.
 *
 * @returns The exit code.
 *
 * @example
 * ```ts ignore
 * import { run } from "./action/main.ts";
 *
 * // With INPUT_PROJECT-ID, INPUT_ACCESS-ID, INPUT_SECRET-KEY... set as the runner does.
 * Deno.exitCode = await run();
 * ```
 */
export async function run(): Promise<number> {
  try {
    const inputs = await readInputs();
    const annotations = new TaskAnnotations();
    const reporter = progressReporter({
      write: (text) => log.info(text.replace(/\n$/, "")),
      isTerminal: false,
      hintOf: inputHint,
    });
    const insecure = insecureEndpointWarning(inputs.endpoint);
    if (insecure !== undefined && inputs.allowInsecureHttp) log.warning(`Careful: ${insecure}`);
    const summary = await exportMasks({
      ...inputs.settings,
      client: new LabClient({
        endpoint: inputs.endpoint,
        allowInsecureHttp: inputs.allowInsecureHttp,
        maxPageParsedBytes: inputs.maxPageParsedBytes,
        maxTaskBytes: inputs.maxTaskBytes,
        accessId: inputs.accessId,
        secretKey: inputs.secretKey,
        // Masked before the token is used, so no later line can show it.
        onToken: (token) => core.setSecret(token),
        onWarning: (message) => log.warning(message),
      }),
      // The bundle's own worker module (`deno task bundle` writes it next to main.js).
      workerUrl: new URL("./convert_worker.js", import.meta.url),
      onProgress(event: ExportEvent) {
        // An annotated task needs no plain log line as well.
        if (event.type === "task" && annotations.annotate(event.outcome)) return;
        reporter.onProgress(event);
      },
    });
    annotations.end();
    // Where the masks are and the counts; the failed tasks are annotated above.
    for (const line of formatSummary(summary).slice(0, 2)) log.info(line);
    for (const note of summary.notes ?? []) log.notice(note);
    setOutputs(summary);
    await writeJobSummary(summary, inputs);
    if (inputs.compareWith !== undefined) await compareExports(inputs.compareWith, summary);
    if (summary.failed === 0) return 0;
    const failed = `${summary.failed} of ${summary.total} tasks failed (see the annotations and ` +
      `the job summary); every other mask was exported`;
    if (!inputs.failOnError) {
      log.warning(`${failed}. The step passes because fail-on-error is false.`);
      return 0;
    }
    log.fail(`${failed}. Set fail-on-error: false to let the step pass.`);
    return 1;
  } catch (error) {
    if (!(error instanceof MasksError) && error instanceof Error && error.stack) {
      core.debug(error.stack);
    }
    log.fail(failureMessage(error));
    return 1;
  }
}

if (import.meta.main) {
  Deno.exitCode = await run();
}
