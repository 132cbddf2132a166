/**
 * A stand-in for the pool's worker, for `convert_pool_depth_test.ts`: it answers its jobs one
 * at a time, each 30 ms after the last, with how many jobs it held unanswered when the job came
 * (the job itself not counted).
 *
 * @module
 */

/// <reference lib="deno.worker" />

const held: number[] = [];
let answering = false;

self.onmessage = (event: MessageEvent<{ id: number }>) => {
  held.push(event.data.id);
  const before = held.length - 1;
  queueAnswer(event.data.id, before);
};

const answers: { id: number; before: number }[] = [];

function queueAnswer(id: number, before: number): void {
  answers.push({ id, before });
  if (!answering) answerNext();
}

function answerNext(): void {
  const next = answers.shift();
  if (next === undefined) return void (answering = false);
  answering = true;
  setTimeout(() => {
    held.splice(held.indexOf(next.id), 1);
    self.postMessage({ id: next.id, result: next.before });
    answerNext();
  }, 30);
}
