/**
 * Assertions for the tests: Node's strict `assert`. Stands in for `@std/assert` (JSR is out of
 * reach where this package is built, see the README); tests import it from here only, so a switch
 * is one file (a small shim mapping `assert.equal`/`deepEqual`/`rejects` to `assertEquals`...).
 *
 * @module
 */
export { default } from "node:assert/strict";
