/**
 * The lab API client: login and token renewal, retries with backoff, and the project's tasks as
 * an async iterator of pages, plus the task filters' query string and validation.
 *
 * @example Export the names of the complete tasks updated since Christmas
 * ```ts ignore
 * import { LabClient } from "@lab/masks";
 * import { validateTaskFilters } from "@lab/masks/api";
 *
 * const client = new LabClient({
 *   endpoint: "https://hub-api.isahit.com/",
 *   accessId: Deno.env.get("ISAHIT_LAB_API_ACCESS_ID") ?? "",
 *   secretKey: Deno.env.get("ISAHIT_LAB_API_SECRET_KEY") ?? "",
 * });
 * const filters = validateTaskFilters({ statusIn: ["complete"], updatedAtGte: "2024-12-25" });
 * for await (const task of client.tasks("proj_seg_demo", filters)) console.log(task.name);
 * ```
 *
 * @module
 */

export * from "./lab_client.ts";
export * from "./lab_client_options.ts";
export * from "./lab_date.ts";
export * from "./parse_date_filter.ts";
export * from "./request_event.ts";
export * from "./types.ts";
export * from "./validate_task_filters.ts";
export * from "./task_source.ts";
export * from "./export_file_source.ts";
export * from "./export_task_filters.ts";
export * from "./insecure_endpoint_warning.ts";
export * from "./credentials_from_env.ts";
