/**
 * Requests to the fake lab as a client makes them, for its own tests: its project, routes, a
 * login, a GET with a bearer token.
 *
 * @module
 */

import type { FakeLab } from "../../testing/fake_lab.ts";
import { sampleProject } from "../../testing/_sample_project.ts";

/** A project of 12 tasks. */
export const PROJECT: ReturnType<typeof sampleProject> = sampleProject("p1", 12);
/** The login route. */
export const LOGIN = "api/user-manager/auth/login";
/** The tasks route. */
export const TASKS = "api/task-manager/tasks";
/** Project p1's configuration route. */
export const CONFIGURATION = "api/project-configuration-manager/projects/p1/project-configuration";

/** Logs in with the lab's credentials and any other form fields: the status and body. */
export async function logIn(lab: FakeLab, form: Record<string, string> = {}) {
  const response = await fetch(new URL(LOGIN, lab.url), {
    method: "POST",
    body: new URLSearchParams({ access_id: lab.accessId, secret_key: lab.secretKey, ...form }),
  });
  return { status: response.status, body: await response.json() };
}

/** A GET of a route, with a bearer token if given: the status, headers and body. */
export async function get(lab: FakeLab, path: string, token?: string) {
  const headers: HeadersInit = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const response = await fetch(new URL(path, lab.url), { headers });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** The token of a login. */
export async function tokenOf(lab: FakeLab): Promise<string> {
  return (await logIn(lab)).body.access_token;
}
