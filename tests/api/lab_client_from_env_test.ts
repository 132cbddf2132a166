import assert from "../_std/assert.ts";
import { LabClient } from "../../lib/api/lab_client.ts";
import { ApiError, ConfigError } from "../../lib/errors.ts";
import { demoProjects } from "../../testing/demo_projects.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { labEnv } from "../_fixtures/run_cli.ts";

Deno.test("LabClient.fromEnv() logs in with the SDK's three environment variables", async () => {
  await using lab = await startFakeLab({ projects: demoProjects() });
  const env = labEnv(lab);
  const client = LabClient.fromEnv({ env: (name) => env[name] });
  const configuration = await client.getProjectConfiguration("proj_seg_demo");
  assert.equal(configuration.projectType, "iat-segmentation");
  const login = lab.requests.find((request) => request.path.endsWith("auth/login"));
  assert.ok(login, "the client logged in at the fake lab's endpoint");
});

Deno.test("LabClient.fromEnv() names the variable that is not set", () => {
  const env: Record<string, string> = { ISAHIT_LAB_API_ACCESS_ID: "id" };
  assert.throws(
    () => LabClient.fromEnv({ env: (name) => env[name] }),
    (error: unknown) =>
      error instanceof ConfigError && error.setting === "secretKey" &&
      error.message.includes("ISAHIT_LAB_API_SECRET_KEY"),
  );
});

Deno.test("LabClient.fromEnv() talks to the SDK's default endpoint when none is set", async () => {
  const asked: string[] = [];
  const env: Record<string, string> = {
    ISAHIT_LAB_API_ACCESS_ID: "id",
    ISAHIT_LAB_API_SECRET_KEY: "secret",
  };
  const client = LabClient.fromEnv({
    env: (name) => env[name],
    maxRetries: 0,
    // Records the address instead of sending anything.
    fetch: (input) => {
      asked.push(input instanceof Request ? input.url : String(input));
      return Promise.resolve(new Response("{}", { status: 401 }));
    },
  });
  await assert.rejects(
    () => client.getProjectConfiguration("p1"),
    (error: unknown) => error instanceof ApiError && error.status === 401,
  );
  assert.deepEqual(asked, ["https://hub-api.isahit.com/api/user-manager/auth/login"]);
});
