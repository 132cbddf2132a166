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

/** How long any one test may run before it fails as hung (see {@linkcode giveEveryTestADeadline}). */
export const TEST_DEADLINE_MS = 180_000;

type TestFn = (t: Deno.TestContext) => void | Promise<void>;

/**
 * Makes every test registered from now on (`Deno.test` in its three forms) fail once `ms`
 * milliseconds have passed, with a message naming it: a test that waits on a worker, a server or a
 * stream that never answers fails instead of hanging the suite. Tests still set their own, shorter
 * deadlines where they wait (`withDeadline`, `outputWithin`); this one is the net under them.
 * Called once, by `tests/_std/assert.ts`, which every test imports.
 *
 * @param ms The deadline of each test, in milliseconds.
 */
export function giveEveryTestADeadline(ms: number = TEST_DEADLINE_MS): void {
  const register = Deno.test as (...args: unknown[]) => void;
  if ((register as { withDeadline?: boolean }).withDeadline) return;
  const within = (name: string, fn: TestFn): TestFn => (t) =>
    withDeadline(Promise.resolve(fn(t)), ms, `the test "${name}"`);
  const wrapped = (...args: unknown[]) => {
    const [first, second, third] = args;
    if (typeof first === "function") {
      return register({ name: first.name, fn: within(first.name, first as TestFn) });
    }
    if (typeof first === "string" && typeof second === "function") {
      return register(first, within(first, second as TestFn));
    }
    if (typeof first === "string" && typeof third === "function") {
      return register(first, second, within(first, third as TestFn));
    }
    if (typeof first === "object" && first !== null && "fn" in first) {
      const definition = first as Deno.TestDefinition;
      return register({ ...definition, fn: within(definition.name, definition.fn) });
    }
    return register(...args);
  };
  Object.assign(wrapped, register, { withDeadline: true });
  (Deno as { test: unknown }).test = wrapped;
}
