/**
 * A child process for the hostile-page memory tests: walks the task pages of project `p1` at the
 * endpoint given as its argument with a default `LabClient`, prints, as one JSON line, the error
 * the walk ended with, then waits for its stdin to close (so its parent can read its peak memory).
 *
 * @module
 */
import { LabClient } from "../../lib/api/lab_client.ts";

const client = new LabClient({
  endpoint: Deno.args[0],
  accessId: "id-1",
  secretKey: "secret-1",
  maxRetries: 0,
});
let message = "the walk ended without an error";
try {
  for await (const _page of client.taskPages("p1")) {
    // Only the walk's cost is measured.
  }
} catch (error) {
  message = `${(error as Error).name}: ${(error as Error).message}`;
}
console.log(JSON.stringify({ message }));
// The parent reads this process's peak memory now, then closes stdin to let it end.
for await (const _chunk of Deno.stdin.readable) {
  // Nothing is sent.
}
