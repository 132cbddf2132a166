import { ConfigError, MasksError, type SettingRole } from "../lib/errors.ts";
import { BOOLEAN_INPUTS, INPUT_NAMES, type InputName, settingOf } from "./inputs.ts";

// The credentials: a message names them in passing as inputs, not as values to add.
const CREDENTIAL_INPUTS: readonly InputName[] = ["access-id", "secret-key", "endpoint"];

/**
 * The one-line reason the step failed, with the settings the library names in the Action's
 * words (`Input "semantic-mapping"`, `resume: true`, `"incremental"`). A setting error whose
 * message does not name its setting (`The shard "5/4" must be i/n ...`) starts with
 * `Input "shard": `. An unexpected error keeps its message and asks to be reported; its stack
 * goes to the debug log.
 *
 * @param error What ended the run.
 * @returns One line for `core.setFailed`.
 */
export function failureMessage(error: unknown): string {
  if (!(error instanceof MasksError)) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return oneLine(`Unexpected failure, please report it: ${message}`);
  }
  let message = error.render(inputWords);
  const setting = error instanceof ConfigError ? error.setting : undefined;
  const input = setting === undefined ? undefined : inputOf(setting);
  // The setting leads the line unless the message names it already (a switch as `resume: true`).
  const named = [`"${input}"`, `${input}: true`].some((words) => message.includes(words));
  if (input !== undefined && !named) {
    message = `Input "${input}": ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  }
  return oneLine(message);
}

/**
 * A setting in the Action's words: `Input "output-folder"` as a message's subject; in passing,
 * `resume: true` for a switch, `the "access-id" input` for a credential, else `"incremental"`.
 * A library option the Action has no input for keeps the library's words.
 */
function inputWords(setting: string, role: SettingRole): string {
  const input = inputOf(setting);
  if (input === undefined) return `options.${setting}`;
  if (role === "subject") return `Input "${input}"`;
  if (BOOLEAN_INPUTS.includes(input)) return `${input}: true`;
  return CREDENTIAL_INPUTS.includes(input) ? `the "${input}" input` : `"${input}"`;
}

/**
 * The input that sets a setting, for a failed task's reason: `input "x"`; `undefined` when the
 * Action has no input for it (the memory budget and the pixel limit keep their defaults here).
 *
 * @param setting The canonical key.
 * @returns The input, in the Action's words.
 */
export function inputHint(setting: string): string | undefined {
  const input = inputOf(setting);
  return input === undefined ? undefined : `input "${input}"`;
}

/** The input that sets a library option or task filter, e.g. `outputFolder` → `output-folder`. */
function inputOf(setting: string): InputName | undefined {
  return INPUT_NAMES.find((name) => settingOf(name) === setting);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
