const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and quoted attribute values: task names, label names
 * and reasons come from the server and may hold markup.
 *
 * @param text Any text.
 * @returns The text with `&`, `<`, `>`, `"` and `'` as entities.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "@lab/masks/report";
 *
 * console.log(escapeHtml(`<img src=x onerror="alert(1)">`));
 * // &lt;img src=x onerror=&quot;alert(1)&quot;&gt;
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}
