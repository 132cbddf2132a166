/**
 * A deadline for whatever a test waits on from the product (pages, workers, subprocesses), so a
 * regression that hangs fails within seconds instead of hanging CI.
 *
 * @module
 */

/**
 * Resolves as `promise` does, or rejects once `ms` milliseconds have passed, naming `what`.
 *
 * @param promise What the test waits for.
 * @param ms The deadline, in milliseconds.
 * @param what What is awaited, for the failure message.
 */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no end within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The error `action` rejects with, within `ms`; fails when it resolves instead.
 *
 * @param action What should fail.
 * @param ms The deadline, in milliseconds.
 */
export async function rejection(action: () => Promise<unknown>, ms = 30_000): Promise<Error> {
  try {
    await withDeadline(action(), ms, "the call");
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection, but the call succeeded");
}

/**
 * Runs a child process to its end and returns its output; kills it and fails once `ms`
 * milliseconds have passed, naming `what`.
 *
 * @param program The program.
 * @param options Its arguments, environment and pipes.
 * @param ms The deadline, in milliseconds.
 * @param what What runs, for the failure message.
 */
export async function outputWithin(
  program: string,
  options: Deno.CommandOptions,
  ms: number,
  what: string,
): Promise<Deno.CommandOutput> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    const output = await new Deno.Command(program, { ...options, signal: controller.signal })
      .output();
    if (controller.signal.aborted) throw new Error(`${what}: killed, no end within ${ms} ms`);
    return output;
  } finally {
    clearTimeout(timer);
  }
}
