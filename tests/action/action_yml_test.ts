import assert from "../_std/assert.ts";
import { BOOLEAN_INPUTS, INPUT_NAMES } from "../../action/inputs.ts";
import { OUTPUT_NAMES } from "../../action/outputs.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { loadAction, ROOT, runStep, stepOf } from "./_composite.ts";

Deno.test("action.yml declares exactly the inputs action/inputs.ts reads, and passes each to the export step", async () => {
  const action = await loadAction();
  // `deno-version` picks the Deno that runs the export; the export itself never reads it.
  assert.deepEqual(Object.keys(action.inputs), [...INPUT_NAMES, "deno-version"]);
  for (const [name, input] of Object.entries(action.inputs)) {
    assert.ok(input.description.trim().length > 0, `input ${name} has a description`);
  }
  const required = Object.entries(action.inputs).filter(([, input]) => input.required === true);
  // `project-id` too, but an update takes it from the export it updates.
  assert.deepEqual(required.map(([name]) => name), ["access-id", "secret-key"]);
  const booleans = Object.entries(action.inputs)
    .filter(([, input]) => input.default === "true" || input.default === "false");
  assert.deepEqual(booleans.map(([name]) => name).sort(), [...BOOLEAN_INPUTS].sort());

  // Composite actions set no INPUT_* variables: the export step passes each input itself, named
  // as the runner names them for JavaScript actions (upper case, hyphens kept).
  const env = stepOf(action, "export").env ?? {};
  const passed = Object.entries(env).filter(([variable]) => variable.startsWith("INPUT_"));
  assert.deepEqual(
    passed,
    INPUT_NAMES.map((name) => [`INPUT_${name.toUpperCase()}`, `\${{ inputs.${name} }}`]),
  );
});

Deno.test("every output of action.yml is set by the export step or comes from the upload step", async () => {
  const action = await loadAction();
  const fromExport = OUTPUT_NAMES.map((name) => [name, `\${{ steps.export.outputs.${name} }}`]);
  const fromUpload = ["artifact-id", "artifact-url"].map((name) => [
    name,
    `\${{ steps.upload.outputs.${name} }}`,
  ]);
  const outputs = Object.entries(action.outputs);
  assert.deepEqual(outputs.map(([name, output]) => [name, output.value]), [
    ...fromExport,
    ...fromUpload,
  ]);
  for (const [name, output] of outputs) {
    assert.ok(output.description.trim().length > 0, `output ${name} has a description`);
  }
});

Deno.test("action.yml runs the bundle with narrow permissions and uploads the export step's output-path", async () => {
  const action = await loadAction();
  assert.ok(action.description.length > 40);
  assert.ok(action.branding?.icon && action.branding.color);
  assert.equal(action.runs.using, "composite");
  const [setup] = action.runs.steps;
  assert.equal(setup.uses, "denoland/setup-deno@v2");
  assert.equal(setup.with?.["deno-version"], "${{ inputs.deno-version }}");
  // The bundle is built and tested with the README's Deno; the Action runs that one by default.
  const readme = await Deno.readTextFile(`${ROOT}/README.md`);
  const tested = /^npx -y deno@(\S+) task test /m.exec(readme)?.[1];
  assert.ok(tested, "README gives its test command with a pinned Deno");
  assert.equal(action.inputs["deno-version"].default, tested);

  const command = stepOf(action, "export").run!.replace(/\s+/g, " ").trim();
  assert.match(command, /^deno run /);
  assert.match(command, / "\$GITHUB_ACTION_PATH\/action\/dist\/main\.js"$/);
  assert.match(command, / --allow-net="\$ALLOW_NET" /);
  assert.match(command, / --allow-write="\$ALLOW_WRITE,\$GITHUB_OUTPUT,\$GITHUB_STEP_SUMMARY" /);
  assert.match(command, / --no-npm --no-prompt /, "the bundle needs no npm resolution");
  assert.doesNotMatch(command, /(^| )(-A|--allow-all|--allow-run|--allow-ffi)( |=|$)/);
  assert.doesNotMatch(command, /--allow-(net|write|sys)( |$)/, "every list is narrowed");

  const upload = stepOf(action, "upload");
  assert.equal(upload.uses, "actions/upload-artifact@v4");
  assert.match(upload.if ?? "", /inputs\.upload == 'true'/);
  assert.match(upload.if ?? "", /inputs\.dry-run != 'true'/, "a dry run uploads nothing");
  assert.deepEqual(upload.with, {
    name: "${{ inputs.artifact-name }}",
    path: "${{ steps.export.outputs.output-path }}",
    "retention-days": "${{ inputs.retention-days }}",
    "if-no-files-found": "error",
  });
});

Deno.test("the permissions step gives deno the lab's host and the folder the export writes", async (t) => {
  const action = await loadAction();
  const step = stepOf(action, "permissions");
  await using dir = await tempDir();
  const lab = "https://lab.example/";
  // The endpoint, output-folder and incremental inputs, and the outputs or error expected.
  const cases: [string, string, string, Record<string, string> | RegExp][] = [
    ["https://hub-api.isahit.com/", ".", "", { net: "hub-api.isahit.com", write: "." }],
    ["http://127.0.0.1:8080/lab/v1/", "out/masks", "", {
      net: "127.0.0.1:8080",
      write: "out/masks",
    }],
    ["HTTPS://user@lab.example?x=1", "/tmp/m", "", { net: "lab.example", write: "/tmp/m" }],
    ["http://[::1]:9000/", ".", "", { net: "[::1]:9000", write: "." }],
    ["hub-api.isahit.com", ".", "", /Input "endpoint" must be an http\(s\) URL/],
    ["https://a,b/", ".", "", /Input "endpoint" must be an http\(s\) URL/],
    ["https:///nohost", ".", "", /Input "endpoint" must be an http\(s\) URL/],
    [lab, "", "", { net: "lab.example", write: "." }],
    [lab, "a\nb", "", /Input "output-folder" must be a folder path/],
    [lab, "a,b", "", /Input "output-folder" must be a folder path without commas/],
    // An incremental run writes only in the folder it updates (named, or holding the manifest).
    [lab, "", "masks/nightly", { net: "lab.example", write: "masks/nightly" }],
    [lab, "", "masks/nightly/", { net: "lab.example", write: "masks/nightly" }],
    [lab, "", "masks/nightly/manifest.jsonl", { net: "lab.example", write: "masks/nightly" }],
    [lab, "", "manifest.jsonl", { net: "lab.example", write: "." }],
    [lab, "out", "/srv/m", { net: "lab.example", write: "/srv/m" }],
    [lab, "", "a,b/manifest.jsonl", /Input "incremental" must be a folder or manifest path/],
  ];
  for (const [endpoint, folder, incremental, expected] of cases) {
    const name = [endpoint, folder, incremental].map((value) => JSON.stringify(value)).join(", ");
    await t.step(name, async () => {
      const ran = await runStep(step, {
        cwd: dir.path,
        env: {},
        contexts: { inputs: { endpoint, "output-folder": folder, incremental } },
      });
      if (expected instanceof RegExp) {
        assert.equal(ran.code, 1);
        assert.match(ran.stdout, new RegExp(`^::error::${expected.source}`));
        assert.deepEqual(ran.outputs, {});
      } else {
        assert.equal(ran.code, 0, ran.stdout + ran.stderr);
        assert.deepEqual(ran.outputs, expected);
      }
    });
  }
});

Deno.test("the GitHub Action page's tables list every input and output of action.yml", async () => {
  const action = await loadAction();
  const section = await Deno.readTextFile(`${ROOT}/docs/github-action.md`);
  const rows = tableRows(section, "input");
  assert.deepEqual(rows.map(([name]) => name), Object.keys(action.inputs));
  for (const [name, defaultCell] of rows) {
    const input = action.inputs[name];
    const expected = input.required ? "required" : input.default ? `\`${input.default}\`` : "";
    assert.equal(defaultCell, expected, `the default of ${name}`);
  }
  assert.deepEqual(tableRows(section, "output").map(([name]) => name), Object.keys(action.outputs));
  assert.match(section, /^\s+- cron: /m, "the example workflow is scheduled");
  assert.match(section, /^\s+workflow_dispatch:/m);
  assert.match(section, /secret-key: \$\{\{ secrets\.ISAHIT_LAB_API_SECRET_KEY \}\}/);
});

/** The rows of the Markdown table whose first header is `first`: the name (unquoted) and column 2. */
function tableRows(markdown: string, first: string): [string, string][] {
  const lines = markdown.split("\n");
  const header = lines.findIndex((line) => new RegExp(`^\\|\\s*${first}\\s*\\|`).test(line));
  assert.ok(header >= 0, `a table whose first column is "${first}"`);
  const rows: [string, string][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
    rows.push([cells[0].replace(/^`|`$/g, ""), cells[1]]);
  }
  return rows;
}
