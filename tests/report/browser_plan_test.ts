import assert from "../_std/assert.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { browserPlan, REQUIRE_VARIABLE, SKIP_VARIABLE } from "./_browser_plan.ts";

const ROOT = fromFileUrl(new URL("../../", import.meta.url));

/** A machine with these variables and these files. */
function machine(variables: Record<string, string>, files: string[] = [], os = "linux") {
  return {
    env: (name: string) => variables[name],
    isFile: (path: string) => files.includes(path),
    os,
  };
}

Deno.test("the browser test runs with the browser it finds", () => {
  assert.deepStrictEqual(browserPlan(machine({}, ["/usr/bin/google-chrome"])), {
    run: true,
    browser: "/usr/bin/google-chrome",
  });
  assert.deepStrictEqual(
    browserPlan(machine({ [REQUIRE_VARIABLE]: "1" }, ["/usr/bin/chromium"])),
    { run: true, browser: "/usr/bin/chromium" },
  );
});

Deno.test("without a browser the test is skipped, saying why and how to get one", () => {
  const plan = browserPlan(machine({}));
  assert.strictEqual(plan.run, false);
  const reason = plan.run ? "" : plan.reason;
  assert.match(reason, /^no Chromium-family browser was found \(LAB_MASKS_BROWSER and CHROME_BIN/);
  assert.match(reason, /apt-get install -y chromium/);
  assert.match(reason, /set LAB_MASKS_SKIP_BROWSER_TEST=1 to skip this test/);
});

Deno.test("with LAB_MASKS_REQUIRE_BROWSER=1 a missing browser fails the test instead", () => {
  for (const variables of [{}, { [SKIP_VARIABLE]: "1" }] as Record<string, string>[]) {
    const plan = browserPlan(machine({ [REQUIRE_VARIABLE]: "1", ...variables }));
    assert.strictEqual(plan.run, true);
    assert.strictEqual(plan.browser, undefined);
    const failure = plan.run && plan.browser === undefined ? plan.failure : "";
    assert.match(
      failure,
      /^LAB_MASKS_REQUIRE_BROWSER=1 requires the browser test, but no Chromium/,
    );
  }
  const other = browserPlan(machine({ [REQUIRE_VARIABLE]: "1" }, [], "windows"));
  assert.strictEqual(other.run, true, "required on any system");
});

Deno.test("a browser named on purpose but missing fails the test, never skips it", () => {
  const plan = browserPlan(
    machine({ LAB_MASKS_BROWSER: "/opt/none/chrome" }, ["/usr/bin/chromium"]),
  );
  assert.strictEqual(plan.run, true);
  const failure = plan.run && plan.browser === undefined ? plan.failure : "";
  assert.match(failure, /^LAB_MASKS_BROWSER is "\/opt\/none\/chrome", which is not a file/);
});

Deno.test("LAB_MASKS_SKIP_BROWSER_TEST=1 and systems other than Linux skip the test, saying why", () => {
  const skipped = browserPlan(machine({ [SKIP_VARIABLE]: "1" }, ["/usr/bin/chromium"]));
  assert.deepStrictEqual(skipped, {
    run: false,
    reason: "LAB_MASKS_SKIP_BROWSER_TEST=1 skips it on this machine",
  });
  assert.deepStrictEqual(browserPlan(machine({}, ["/usr/bin/chromium"], "darwin")), {
    run: false,
    reason: "it drives a Linux browser; this is darwin",
  });
});

Deno.test(".ci/run requires the browser test before it runs the tests", async () => {
  const script = await Deno.readTextFile(`${ROOT}.ci/run`);
  const lines = script.split("\n");
  const required = lines.findIndex((line) => line.trim() === `export ${REQUIRE_VARIABLE}=1`);
  const tests = lines.findIndex((line) => line.includes("task test"));
  assert.ok(required >= 0, `.ci/run exports ${REQUIRE_VARIABLE}=1`);
  assert.ok(required < tests, "before the test command");
});

Deno.test("a skipped browser test is counted as ignored, with its reason in the suite's output", async () => {
  const output = await withDeadline(
    new Deno.Command(Deno.execPath(), {
      args: [
        "test",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        "--allow-run",
        "--allow-net=127.0.0.1",
        "tests/report/report_browser_test.ts",
      ],
      cwd: ROOT,
      // Under .ci/run the browser is required; this child is a machine that only skips it.
      env: { NO_COLOR: "1", [SKIP_VARIABLE]: "1", [REQUIRE_VARIABLE]: "" },
      stdout: "piped",
      stderr: "piped",
    }).output(),
    120_000,
    "deno test of the skipped browser test",
  );
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  assert.strictEqual(output.code, 0, text);
  assert.match(
    text,
    /\(skipped: LAB_MASKS_SKIP_BROWSER_TEST=1 skips it on this machine\) \.\.\. ignored/,
  );
  assert.match(text, /ok \| 0 passed \| 0 failed \| 1 ignored/);
});
