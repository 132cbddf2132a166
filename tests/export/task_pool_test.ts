import assert from "../_std/assert.ts";
import { TaskPool } from "../../lib/export/_task_pool.ts";

/** A job that runs until `end()` is called, noting how many run at its start. */
function heldJob(state: { running: number; most: number; started: string[] }, name: string) {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => end = resolve);
  const job = async () => {
    state.started.push(name);
    state.running++;
    state.most = Math.max(state.most, state.running);
    await ended;
    state.running--;
  };
  return { job, end: () => end() };
}

Deno.test("TaskPool starts jobs as places free, in the order asked, never more than its limit", async () => {
  const state = { running: 0, most: 0, started: [] as string[] };
  const pool = new TaskPool(2);
  const jobs = ["a", "b", "c", "d"].map((name) => heldJob(state, name));
  await pool.run(jobs[0].job);
  await pool.run(jobs[1].job);
  assert.deepEqual(state.started, ["a", "b"], "run returns as its job starts");
  let cReturned = false;
  const c = pool.run(jobs[2].job).then(() => cReturned = true);
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(cReturned, false, "a third job waits for a place");
  assert.deepEqual(state.started, ["a", "b"]);
  jobs[1].end();
  await c;
  assert.deepEqual(state.started, ["a", "b", "c"], "the place of the job that ended");
  const d = pool.run(jobs[3].job);
  jobs[0].end();
  await d;
  let drained = false;
  const drain = pool.drain().then(() => drained = true);
  jobs[2].end();
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(drained, false, "drain waits for the last job");
  jobs[3].end();
  await drain;
  assert.deepEqual(state.started, ["a", "b", "c", "d"]);
  assert.equal(state.most, 2);
  assert.equal(state.running, 0);
});

Deno.test("TaskPool drains at once when idle, and runs many short jobs, its limit at once", async () => {
  const pool = new TaskPool(3);
  await pool.drain();
  let running = 0;
  let most = 0;
  let done = 0;
  for (let i = 0; i < 300; i++) {
    await pool.run(async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 0));
      running--;
      done++;
    });
  }
  await pool.drain();
  assert.equal(done, 300);
  assert.equal(most, 3);
});
