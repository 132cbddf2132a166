import assert from "../_std/assert.ts";
import { LabClient } from "../../lib/api/lab_client.ts";
import { ConfigError } from "../../lib/errors.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { segmentationProject } from "../_fixtures/project.ts";

Deno.test("LabClient.fromEnv() reaches the lab the SDK's variables name", async () => {
  await using lab = await startFakeLab({ projects: [segmentationProject("p1", [])] });
  const env: Record<string, string> = {
    ISAHIT_LAB_API_ENDPOINT: lab.url,
    ISAHIT_LAB_API_ACCESS_ID: lab.accessId,
    ISAHIT_LAB_API_SECRET_KEY: lab.secretKey,
  };
  const client = LabClient.fromEnv((name) => env[name], { maxRetries: 0 });
  assert.equal((await client.getProjectConfiguration("p1")).projectType, "iat-segmentation");
  const login = lab.requests.find((request) => request.path.endsWith("auth/login"));
  assert.ok(login, "the client logged in to the fake lab");
});

Deno.test("LabClient.fromEnv() names the missing variable", () => {
  const env: Record<string, string> = { ISAHIT_LAB_API_ACCESS_ID: "id" };
  assert.throws(
    () => LabClient.fromEnv((name) => env[name]),
    ConfigError,
    "ISAHIT_LAB_API_SECRET_KEY",
  );
});
