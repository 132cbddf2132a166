import { ConfigError, MasksError } from "../lib/errors.ts";
import { BOOLEAN_INPUTS, INPUT_NAMES, type InputName } from "./inputs.ts";

// The library words its errors for the command line: flags and the SDK's environment variables.
// In the Action the user set inputs, so the reason names those instead.
const INPUT_OF_VARIABLE: Record<string, string> = {
  ISAHIT_LAB_API_ENDPOINT: "endpoint",
  ISAHIT_LAB_API_ACCESS_ID: "access-id",
  ISAHIT_LAB_API_SECRET_KEY: "secret-key",
};

/**
 * The one-line reason the step failed, naming Action inputs where the library names a flag
 * (`Option "--semantic-mapping"`, a bare `--resume`, or a filter named by its input) or an
 * environment variable. A setting error whose message does not name its input yet (`The shard
 * "5/4" must be i/n ...`) starts with `Input "shard": `. An unexpected error keeps its message
 * and asks to be reported; its stack goes to the debug log.
 *
 * @param error What ended the run.
 * @returns One line for `core.setFailed`.
 */
export function failureMessage(error: unknown): string {
  if (!(error instanceof MasksError)) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return oneLine(`Unexpected failure, please report it: ${message}`);
  }
  let message = error.message.replace(/\bOption "(?:--)?([a-z-]+)"/g, 'Input "$1"')
    .replace(/(?<![\w-])--([a-z]+(?:-[a-z]+)*)/g, (flag, name) => inputOfFlag(name) ?? flag);
  for (const [variable, input] of Object.entries(INPUT_OF_VARIABLE)) {
    // Not in a hint like `${{ secrets.ISAHIT_LAB_API_SECRET_KEY }}`: that is a secret's name.
    message = message.replace(
      new RegExp(`(?<!secrets\\.)\\b${variable}\\b`, "g"),
      `the "${input}" input`,
    );
  }
  const setting = error instanceof ConfigError ? error.setting : undefined;
  if (isInputName(setting) && !message.includes(`"${setting}"`)) {
    message = `Input "${setting}": ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  }
  return oneLine(message);
}

/** How a user sets in a workflow what a flag sets: `resume: true`, or the `"output-folder"` input. */
function inputOfFlag(name: string): string | undefined {
  if (!isInputName(name)) return undefined;
  return BOOLEAN_INPUTS.includes(name) ? `${name}: true` : `"${name}"`;
}

function isInputName(name: string | undefined): name is InputName {
  return (INPUT_NAMES as readonly string[]).includes(name ?? "");
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
