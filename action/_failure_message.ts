import { MasksError } from "../lib/errors.ts";

// The library words its errors for the command line: flags and the SDK's environment variables.
// In the Action the user set inputs, so the reason names those instead.
const INPUT_OF_VARIABLE: Record<string, string> = {
  ISAHIT_LAB_API_ENDPOINT: "endpoint",
  ISAHIT_LAB_API_ACCESS_ID: "access-id",
  ISAHIT_LAB_API_SECRET_KEY: "secret-key",
};

/**
 * The one-line reason the step failed, naming Action inputs where the library names a flag
 * (`Option "--semantic-mapping"`, or a filter named by its input) or an environment variable.
 * An unexpected error keeps its message and asks to be reported; its stack goes to the debug log.
 *
 * @param error What ended the run.
 * @returns One line for `core.setFailed`.
 */
export function failureMessage(error: unknown): string {
  if (!(error instanceof MasksError)) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return oneLine(`Unexpected failure, please report it: ${message}`);
  }
  let message = error.message.replace(/\bOption "(?:--)?([a-z-]+)"/g, 'Input "$1"');
  for (const [variable, input] of Object.entries(INPUT_OF_VARIABLE)) {
    // Not in a hint like `${{ secrets.ISAHIT_LAB_API_SECRET_KEY }}`: that is a secret's name.
    message = message.replace(
      new RegExp(`(?<!secrets\\.)\\b${variable}\\b`, "g"),
      `the "${input}" input`,
    );
  }
  return oneLine(message);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
