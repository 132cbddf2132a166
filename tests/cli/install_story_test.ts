import assert from "../_std/assert.ts";
import { cpSync } from "node:fs";
import { dirname } from "node:path";
import { listPngs, tempDir } from "../_fixtures/temp_dir.ts";

const ROOT = new URL("../../", import.meta.url);
// What a clone needs to install and run the command line and the fake lab.
const CLONE_FILES = [
  "deno.json",
  "import_map.json",
  "deno.lock",
  "cli.ts",
  "mod.ts",
  "lib",
  "testing",
];

/** The first fenced `sh` block after `heading` in a Markdown text. */
function shBlockAfter(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  assert.ok(start >= 0, `no "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(markdown.slice(start));
  assert.ok(block, `no sh block after "${heading}"`);
  return block[1];
}

/**
 * The variables that let Deno reach the npm registry from this machine (a cache folder, extra
 * certificate authorities behind a TLS-inspecting proxy, the proxy itself) and nothing else: the
 * story runs in a cleared environment, as a newcomer's shell would be, but on the same network.
 */
const NETWORK_VARIABLES = [
  "DENO_DIR",
  "DENO_CERT",
  "DENO_TLS_CA_STORE",
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
];

/** The network variables of this process that are set, to pass on to the story's shell. */
function networkSetup(): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const name of NETWORK_VARIABLES) {
    const value = Deno.env.get(name);
    if (value !== undefined) passed[name] = value;
  }
  return passed;
}

Deno.test({
  name: "the install story of docs/install.md works word for word in a fresh copy of the clone",
  ignore: Deno.build.os === "windows",
  async fn() {
    const install = await Deno.readTextFile(new URL("docs/install.md", ROOT));
    const readme = await Deno.readTextFile(new URL("README.md", ROOT));
    const installLine = shBlockAfter(install, "**From a clone");
    const tryIt = shBlockAfter(install, "## Try it without an account");
    assert.equal(installLine, "deno install -g -A -n lab-masks --no-config cli.ts\n");
    assert.ok(readme.includes("```sh\n" + tryIt + "```"), "the README shows the same snippet");

    await using clone = await tempDir();
    await using installRoot = await tempDir();
    for (const file of CLONE_FILES) {
      cpSync(new URL(file, ROOT), `${clone.path}/${file}`, { recursive: true });
    }
    const output = await new Deno.Command("bash", {
      args: ["-c", `set -e\n${installLine}${tryIt}`],
      cwd: clone.path,
      clearEnv: true,
      env: {
        PATH: `${installRoot.path}/bin:${dirname(Deno.execPath())}:/usr/bin:/bin`,
        HOME: Deno.env.get("HOME") ?? clone.path,
        DENO_INSTALL_ROOT: installRoot.path,
        NO_COLOR: "1",
        ...networkSetup(),
      },
      stdin: "null",
    }).output();
    const stdout = new TextDecoder().decode(output.stdout);
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, stderr);
    assert.doesNotMatch(stderr, /warning/i);
    assert.match(stderr, /Successfully installed lab-masks/);
    const folder = /Exported 7 masks to "(.*)"/.exec(stdout)?.[1];
    assert.ok(folder?.startsWith(`${clone.path}/lab-masks-try/lab_mask_proj_seg_demo_`), stdout);
    assert.equal((await listPngs(folder!)).length, 7);
  },
});
