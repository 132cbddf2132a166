/**
 * The kernels' WebAssembly text as one module: `lib/png/_kernels.wat` with each `;; @include`
 * line replaced by that file of `lib/png/_kernels/`, indented as the line was. The build
 * (`build_kernels.ts`) compiles it and the tests check the generated module against it; neither
 * needs anything but Deno to read it.
 *
 * @module
 */

/** The module's frame: its header, its memory and the list of its parts, in order. */
export const KERNELS_FRAME: URL = new URL("../lib/png/_kernels.wat", import.meta.url);

const INCLUDE = /^(\s*);; @include ([a-z0-9_]+\.wat)$/;

/**
 * The names of the parts the frame includes, in order.
 *
 * @param frame The frame's text.
 * @returns The parts' file names, relative to `lib/png/_kernels/`.
 *
 * @example
 * ```ts
 * import { kernelParts } from "./kernel_source.ts";
 *
 * console.log(kernelParts("(module\n  ;; @include adler32.wat\n)\n")); // ["adler32.wat"]
 * ```
 */
export function kernelParts(frame: string): string[] {
  return frame.split("\n").flatMap((line) => INCLUDE.exec(line)?.[2] ?? []);
}

/**
 * Reads the frame and its parts into the module's whole text.
 *
 * @param frame Where the frame is (its parts are in `_kernels/` beside it).
 * @returns The module's text, as compiled.
 * @throws {Deno.errors.NotFound} naming a part that is not there.
 *
 * @example
 * ```ts ignore
 * import { KERNELS_FRAME, readKernelSource } from "./kernel_source.ts";
 *
 * const text = await readKernelSource(KERNELS_FRAME);
 * console.log(text.startsWith(";; Pixel kernels")); // true
 * ```
 */
export async function readKernelSource(frame: URL = KERNELS_FRAME): Promise<string> {
  const lines = (await Deno.readTextFile(frame)).split("\n");
  const parts = new URL("_kernels/", frame);
  const text: string[] = [];
  for (const line of lines) {
    const include = INCLUDE.exec(line);
    if (include === null) {
      text.push(line);
      continue;
    }
    const [, indent, name] = include;
    const part = (await Deno.readTextFile(new URL(name, parts))).replace(/\n$/, "");
    text.push(...part.split("\n").map((row) => row === "" ? row : indent + row));
  }
  return text.join("\n");
}
