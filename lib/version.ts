/**
 * This package's version, as `deno.json` holds it (a test keeps the two equal): what
 * `export.json` records as the tool that wrote an export.
 *
 * @module
 */

/** The package version. */
export const PACKAGE_VERSION = "0.1.0";

/** The package name. */
export const PACKAGE_NAME = "@lab/masks";
