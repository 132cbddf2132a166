/**
 * Path helpers. Stands in for `@std/path` (JSR is out of reach where this package is built, see
 * the README): switching to `jsr:@std/path` changes this file only.
 *
 * @module
 */
export { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
export { fileURLToPath as fromFileUrl } from "node:url";
