import assert from "../_std/assert.ts";
import { dirname, fromFileUrl, join } from "../../lib/_std/path.ts";

const ROOT = fromFileUrl(new URL("../../", import.meta.url));

/** The Markdown pages a reader follows links between. */
function pages(): string[] {
  const docs = [...Deno.readDirSync(join(ROOT, "docs"))]
    .filter((entry) => entry.isFile && entry.name.endsWith(".md"))
    .map((entry) => `docs/${entry.name}`);
  return ["README.md", "RELEASING.md", "CHANGELOG.md", ...docs.sort()];
}

/** The page's text without fenced code blocks and inline code, where `[a](b)` is no link. */
function prose(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/`/g, "").replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(path: string): Set<string> {
  const text = Deno.readTextFileSync(path).replace(/^```[^\n]*\n[\s\S]*?^```/gm, "");
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1])));
}

Deno.test("every relative link of the README and docs/ leads to a file, and its anchor to a heading", () => {
  const broken: string[] = [];
  for (const page of pages()) {
    const text = prose(Deno.readTextFileSync(join(ROOT, page)));
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [file, anchor] = target.split("#");
      const path = file === "" ? join(ROOT, page) : join(ROOT, dirname(page), decodeURI(file));
      let isFile = false;
      try {
        isFile = Deno.statSync(path).isFile || Deno.statSync(path).isDirectory;
      } catch {
        isFile = false;
      }
      if (!isFile) broken.push(`${page}: ${target} (no such file)`);
      else if (anchor && path.endsWith(".md") && !anchorsOf(path).has(anchor)) {
        broken.push(`${page}: ${target} (no such heading)`);
      }
    }
  }
  assert.deepStrictEqual(broken, []);
});

Deno.test("the link check finds a link to a missing heading", () => {
  assert.strictEqual(anchorOf("Try it without an account"), "try-it-without-an-account");
  assert.strictEqual(anchorOf("`--format lab` (the SDK's)"), "--format-lab-the-sdks");
  assert.ok(!anchorsOf(join(ROOT, "README.md")).has("mask-formats"));
});
