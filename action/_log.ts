/**
 * The Action's log: every line it writes goes through here, inert. `@actions/core` escapes line
 * breaks in annotations but writes a plain log line as it is, and neither touches an escape
 * sequence or a bidirectional override; a value from an input, the lab or a folder name may hold
 * any of them. Each line is written with {@linkcode inertLine}: such characters as `\uXXXX`.
 *
 * @module
 */
import * as core from "@actions/core";
import { inertLine } from "../lib/inert_text.ts";

/** An annotation's title, as `@actions/core` takes it. */
export type AnnotationProperties = core.AnnotationProperties;

/** Each line of `text` inert, the line breaks kept. */
function inert(text: string): string {
  return text.split("\n").map(inertLine).join("\n");
}

/**
 * Writes a plain log line (or several: each is made inert, the breaks between them kept).
 *
 * @param text The line.
 */
export function info(text: string): void {
  core.info(inert(text));
}

/**
 * Writes a notice annotation.
 *
 * @param text The message.
 */
export function notice(text: string): void {
  core.notice(inert(text));
}

/**
 * Writes a warning annotation.
 *
 * @param text The message.
 * @param properties Its title.
 */
export function warning(text: string, properties?: AnnotationProperties): void {
  core.warning(inert(text), properties);
}

/**
 * Writes an error annotation (the step still runs on).
 *
 * @param text The message.
 * @param properties Its title.
 */
export function error(text: string, properties?: AnnotationProperties): void {
  core.error(inert(text), properties);
}

/**
 * Fails the step with one error annotation.
 *
 * @param text Why.
 */
export function fail(text: string): void {
  core.setFailed(inert(text));
}
