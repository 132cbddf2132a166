/**
 * Test helpers for scripts built on `@lab/masks`: a fake lab API server on `127.0.0.1`, with
 * recorded requests and seeded faults, and builders of mask PNGs.
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
 * @module
 */

export * from "./fake_lab.ts";
export * from "./mask_png.ts";
export * from "./demo_projects.ts";
