/**
 * The naming rules a file system imposes: `"windows"` (NTFS, as Windows opens it) or `"posix"`
 * (Linux, macOS). The export's naming functions take it as a parameter, so their Windows rules
 * run and are tested anywhere; only {@linkcode hostPlatform} looks at the running system.
 */
export type Platform = "windows" | "posix";

/**
 * The platform this program runs on, the default of every `platform` option.
 *
 * @returns `"windows"` on Windows, `"posix"` elsewhere.
 *
 * @example
 * ```ts
 * import { hostPlatform } from "@lab/masks/export";
 *
 * console.log(hostPlatform()); // "posix" on Linux and macOS
 * ```
 */
export function hostPlatform(): Platform {
  return Deno.build.os === "windows" ? "windows" : "posix";
}

/**
 * A relative `/`-separated export path (a manifest's, a summary's) written with the platform's
 * separator, for messages a person reads: `street\a.png` on Windows.
 *
 * @param path The relative path, `/`-separated.
 * @param platform The platform whose separator to use.
 * @returns The path as that platform writes it.
 *
 * @example
 * ```ts
 * import { nativePath } from "@lab/masks/export";
 *
 * console.log(nativePath("street/a.jpg.png", "windows")); // "street\\a.jpg.png"
 * console.log(nativePath("street/a.jpg.png", "posix")); // "street/a.jpg.png"
 * ```
 */
export function nativePath(path: string, platform: Platform = hostPlatform()): string {
  return platform === "windows" ? path.replaceAll("/", "\\") : path;
}
