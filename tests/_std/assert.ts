/**
 * Assertions for the tests: Node's strict `assert`. Stands in for `@std/assert` (JSR is out of
 * reach where this package is built, see the README); tests import it from here only, so a switch
 * is one file (a small shim mapping `assert.equal`/`deepEqual`/`rejects` to `assertEquals`...).
 *
 * Every test imports this file, so it also gives every test a deadline: one that hangs on a worker,
 * a server or a stream fails with its name (`tests/_fixtures/deadline.ts`).
 *
 * @module
 */
import { giveEveryTestADeadline } from "../_fixtures/deadline.ts";

giveEveryTestADeadline();

export { default } from "node:assert/strict";
