/**
 * Test helpers for scripts built on `@lab/masks`: a fake lab API server on `127.0.0.1`, with
 * recorded requests and seeded faults, and builders of projects, tasks and mask PNGs.
 *
 * @example Point a client at a fake lab
 * ```ts ignore
 * import { LabClient } from "@lab/masks";
 * import { startFakeLab } from "@lab/masks/testing";
 *
 * await using lab = await startFakeLab({
 *   projects: [{ configuration: { projectId: "p1", projectType: "iat-segmentation" }, tasks: [] }],
 * });
 * const { url: endpoint, accessId, secretKey } = lab;
 * const client = new LabClient({ endpoint, accessId, secretKey });
 * console.log((await client.getProjectConfiguration("p1")).projectType); // "iat-segmentation"
 * ```
 *
 * Run as a program, `deno run -A jsr:@lab/masks/testing [--port <n>]` serves the demo projects
 * until Ctrl-C, after printing the `export ISAHIT_LAB_API_...` lines that point the command line
 * at it: `eval` them in another shell.
 *
 * @module
 */

export * from "./fake_lab.ts";
export * from "./mask_png.ts";
export * from "./demo_projects.ts";
export * from "./lab_projects.ts";

if (import.meta.main) {
  // Imported only when run as a program, so a library import stays free of it.
  const { serveDemoLab } = await import("./_serve_demo_lab.ts");
  const stop = new AbortController();
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  for (const signal of signals) Deno.addSignalListener(signal, () => stop.abort());
  const encoder = new TextEncoder();
  Deno.exit(
    await serveDemoLab(Deno.args, {
      stdout: (text) => void Deno.stdout.writeSync(encoder.encode(text)),
      stderr: (text) => void Deno.stderr.writeSync(encoder.encode(text)),
      signal: stop.signal,
    }),
  );
}
