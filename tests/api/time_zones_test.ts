import assert from "../_std/assert.ts";
import { OFFSET_BY_TIME_ZONE } from "../_fixtures/time_zones.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";

const DATE_PATHS = fromFileUrl(new URL("./date_paths_test.ts", import.meta.url));

for (const zone of Object.keys(OFFSET_BY_TIME_ZONE)) {
  Deno.test(`the date paths give the same results under TZ=${zone}`, async () => {
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "test",
        "--no-check",
        "--allow-net=127.0.0.1",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        DATE_PATHS,
      ],
      env: { TZ: zone, NO_COLOR: "1" },
      stdin: "null",
    }).output();
    const report = new TextDecoder().decode(output.stdout) +
      new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, report);
    assert.match(report, /the machine's time zone is the one TZ names \.\.\. ok/);
    assert.match(report, /ok \| 4 passed \(3 steps\) \| 0 failed/);
  });
}
