/**
 * The `updatedAt` filter an incremental export must send, read from the README independently of
 * the library's code: `>=` the earlier export's start less 10 minutes, as the SDK writes dates
 * (`YYYY-MM-DD HH:MM:SS`, UTC).
 *
 * @module
 */

/**
 * The `updatedAt` query value an update of an export started at `startedAt` must send.
 *
 * @param startedAt The earlier export's `export.json` `startedAt` (ISO 8601).
 */
export function expectedWatermark(startedAt: string): string {
  const since = new Date(Date.parse(startedAt) - 10 * 60 * 1000);
  const two = (value: number) => String(value).padStart(2, "0");
  const date = `${since.getUTCFullYear()}-${two(since.getUTCMonth() + 1)}-${
    two(since.getUTCDate())
  }`;
  const time = `${two(since.getUTCHours())}:${two(since.getUTCMinutes())}:${
    two(since.getUTCSeconds())
  }`;
  return `>=${date} ${time}`;
}

/** The earlier export's start, from its `export.json`. */
export async function startedAtOf(folder: string): Promise<string> {
  return JSON.parse(await Deno.readTextFile(`${folder}/export.json`)).startedAt;
}
