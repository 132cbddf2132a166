/**
 * Writes the job summary of the summary and inputs given as JSON arguments to the file
 * `GITHUB_STEP_SUMMARY` names, as the Action does: `@actions/core` needs `--allow-sys`, which the
 * test run does not grant, so a test runs this in a child process.
 *
 * @module
 */
import { writeJobSummary } from "../../action/outputs.ts";

await writeJobSummary(JSON.parse(Deno.args[0]), JSON.parse(Deno.args[1]));
