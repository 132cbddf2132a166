import assert from "../_std/assert.ts";
import { startFakeLab } from "../../testing/fake_lab.ts";
import { CONFIGURATION, LOGIN, logIn, PROJECT, tokenOf } from "./_lab_requests.ts";

Deno.test("startFakeLab() injects the same faults for the same seed", async () => {
  const faultsOf = async () => {
    await using lab = await startFakeLab({
      projects: [PROJECT],
      faults: { rate: 0.5, seed: 3, kinds: ["429", "500", "503", "reset"] },
    });
    const token = await tokenOf(lab);
    const seen: string[] = [];
    for (let i = 0; i < 16; i++) {
      try {
        const response = await fetch(new URL(CONFIGURATION, lab.url), {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = await response.text();
        if (response.status === 429) assert.equal(response.headers.get("retry-after"), "0");
        seen.push(response.status === 200 ? JSON.parse(body).projectId : String(response.status));
      } catch (error) {
        assert.ok(error instanceof TypeError);
        seen.push("reset");
      }
    }
    assert.deepEqual(lab.requests.slice(1).map((r) => r.fault ?? "p1"), seen);
    return seen;
  };
  const first = await faultsOf();
  assert.deepEqual(new Set(first), new Set(["p1", "429", "500", "503", "reset"]));
  assert.deepEqual(await faultsOf(), first);
});

Deno.test("startFakeLab() serves under a path prefix", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT], pathPrefix: "/lab/v1/" });
  assert.match(lab.url, /^http:\/\/127\.0\.0\.1:\d+\/lab\/v1\/$/);
  assert.equal((await logIn(lab)).status, 201);
  assert.equal(lab.requests[0].path, `/lab/v1/${LOGIN}`);
});

Deno.test("startFakeLab() finds its secret key and tokens in texts and errors", async () => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const token = await tokenOf(lab);
  assert.deepEqual(lab.findSecrets("nothing to see"), []);
  assert.deepEqual(lab.findSecrets(`key ${lab.secretKey}`), [lab.secretKey]);
  const error = new Error("failed", { cause: new Error(`with ${token}`) });
  assert.deepEqual(lab.findSecrets(error), [token]);
});

Deno.test("startFakeLab() closes once, however often it is asked", async () => {
  const lab = await startFakeLab({ projects: [] });
  await Promise.all([lab.close(), lab.close()]);
  await lab[Symbol.asyncDispose]();
  await assert.rejects(fetch(new URL(LOGIN, lab.url), { method: "POST" }), TypeError);
});

Deno.test("startFakeLab() refuses two projects with the same id", async () => {
  await assert.rejects(startFakeLab({ projects: [PROJECT, PROJECT] }), TypeError);
});
