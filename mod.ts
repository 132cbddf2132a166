/**
 * Export isahit **lab** segmentation masks as PNG files, like the Python SDK's
 * `export_tasks(format="mask")`, with pixel-identical masks: `iat-segmentation` projects and
 * `form` projects with a `tool-iat-segmentation` input, every task filter, the SDK's folder and
 * file names, `replaceExtension` and `semanticMapping`.
 *
 * ```ts ignore
 * import { exportMasks, LabClient } from "@lab/masks";
 *
 * const summary = await exportMasks({
 *   client: new LabClient({
 *     endpoint: "https://hub-api.isahit.com/",
 *     accessId: Deno.env.get("ISAHIT_LAB_API_ACCESS_ID")!,
 *     secretKey: Deno.env.get("ISAHIT_LAB_API_SECRET_KEY")!,
 *   }),
 *   projectId: "proj_seg_demo",
 *   filters: { statusIn: ["complete", "reviewed"] },
 * });
 * console.log(`Exported ${summary.exported} masks to "${summary.folder}"`);
 * ```
 *
 * Run as a program (`deno run -A jsr:@lab/masks export ...`), it is the `lab-masks` command line,
 * exactly as `@lab/masks/cli`.
 *
 * The pieces work alone too: {@linkcode LabClient} walks a project's tasks,
 * {@linkcode resolveMaskSource} finds where its masks are, {@linkcode convertMask} turns one mask
 * into the PNG the SDK writes, and `@lab/masks/testing` serves a fake lab for your own tests.
 *
 * @module
 */
export * from "./lib/api/mod.ts";
export * from "./lib/detect/mod.ts";
export * from "./lib/errors.ts";
export * from "./lib/export/mod.ts";
export * from "./lib/formats/mod.ts";
export * from "./lib/output/mod.ts";
export * from "./lib/raster/mod.ts";
export * from "./lib/inert_text.ts";
export * from "./lib/report/mod.ts";

if (import.meta.main) {
  // Imported only when run as a program, so a library import never loads the command line.
  const { main } = await import("./cli.ts");
  await main();
}
