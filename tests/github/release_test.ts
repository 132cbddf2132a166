import assert from "../_std/assert.ts";
import denoJson from "../../deno.json" with { type: "json" };
import { ROOT } from "../action/_composite.ts";
import { repositoryWorkflows } from "./_workflows.ts";

Deno.test("CHANGELOG.md keeps a changelog whose newest release is deno.json's version", async () => {
  const changelog = await Deno.readTextFile(`${ROOT}/CHANGELOG.md`);
  assert.match(changelog, /^# Changelog\n/);
  assert.match(changelog, /keepachangelog\.com/);
  const sections = [...changelog.matchAll(/^## \[([^\]]+)\](.*)$/gm)];
  assert.equal(sections[0]?.[1], "Unreleased", "changes gather under [Unreleased] first");
  for (const [heading, version, date] of sections.slice(1)) {
    assert.match(version, /^\d+\.\d+\.\d+$/, heading);
    assert.match(date, /^ - \d{4}-\d{2}-\d{2}$/, heading);
  }
  for (const [, title] of changelog.matchAll(/^### (.+)$/gm)) {
    assert.ok(
      ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"].includes(title),
      `"${title}" is a Keep a Changelog kind of change`,
    );
  }
  const released = sections[1]?.[1];
  // Before the first release, deno.json keeps its 0.x development version.
  if (released === undefined) assert.match(denoJson.version, /^0\./);
  else assert.equal(denoJson.version, released);
});

Deno.test("RELEASING.md tags v1.0.0 and moves v1, and every workflow installs the README's Deno", async () => {
  const releasing = await Deno.readTextFile(`${ROOT}/RELEASING.md`);
  assert.match(releasing, /git tag -a v1\.0\.0 /);
  assert.match(releasing, /git tag -fa v1 .* v1\.0\.0/);
  assert.match(releasing, /git push --force origin v1\n/);
  const readme = await Deno.readTextFile(`${ROOT}/README.md`);
  const version = /^npx -y deno@(\S+) task test /m.exec(readme)![1];
  assert.match(readme, /uses: OWNER\/lab-masks@v1 /, "the README's example pins the major tag");
  assert.match(releasing, new RegExp(`npx -y deno@${version.replaceAll(".", "\\.")} task test`));
  for (const source of await repositoryWorkflows()) {
    const pins = [
      ...source.text.matchAll(/uses: denoland\/setup-deno@v2\n\s+with:\n\s+deno-version: (\S+)/g),
    ];
    assert.ok(pins.length > 0, `${source.where} installs Deno`);
    for (const [, pinned] of pins) assert.equal(pinned, version, source.where);
  }
});

Deno.test("every page that uses OWNER/lab-masks@v1 says what OWNER is and to pin a SHA until v1 is tagged", async () => {
  const pages = ["README.md", "docs/github-action.md", "docs/migrating-from-the-python-sdk.md"];
  for (const page of pages) {
    const text = await Deno.readTextFile(`${ROOT}/${page}`);
    assert.ok(text.includes("uses: OWNER/lab-masks@v1"), `${page} uses the placeholder`);
    assert.ok(
      text.includes("before-v1-is-tagged") || text.includes("### Before v1 is tagged"),
      `${page} links the note on pinning before v1`,
    );
  }
  const action = await Deno.readTextFile(`${ROOT}/docs/github-action.md`);
  const note = action.slice(action.indexOf("### Before v1 is tagged"));
  assert.match(note, /`OWNER\/lab-masks` in these workflows is a placeholder/);
  assert.match(note, /uses: your-org\/lab-masks@[0-9a-f]{40} # git rev-parse HEAD/);
  // Every other page with OWNER/ is one the first release's checklist names.
  const releasing = await Deno.readTextFile(`${ROOT}/RELEASING.md`);
  const checklist = releasing.slice(releasing.indexOf("## The first release: a checklist"));
  for (const page of [...pages, "CHANGELOG.md"]) {
    assert.ok(checklist.includes(`\`${page}\``), `the checklist names ${page}`);
  }
});

Deno.test("RELEASING.md's first release is a checklist that tags, publishes and replaces the placeholder", async () => {
  const releasing = await Deno.readTextFile(`${ROOT}/RELEASING.md`);
  const start = releasing.indexOf("## The first release: a checklist");
  assert.ok(start >= 0, "the section is there");
  const section = releasing.slice(start, releasing.indexOf("\n## ", start + 1));
  const boxes = section.split("\n").filter((line) => line.startsWith("- [ ] "));
  assert.ok(boxes.length >= 6, section);
  for (
    const step of [/placeholder `OWNER`/, /`v1\.0\.0`, and `v1`/, /Marketplace/, /deno publish/]
  ) {
    assert.match(section, step);
  }
});
