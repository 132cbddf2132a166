/**
 * Reads the fenced code blocks of the project's Markdown documentation, so tests can check that
 * every example still matches the code.
 *
 * @module
 */

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The file, relative to the repository root. */
  file: string;
  /** The 1-based line of the opening fence. */
  line: number;
  /** The language word after the fence (`ts`, `sh`, `yaml`...), lower case. */
  lang: string;
  /** The words after the language (`ignore`...). */
  attributes: string[];
  /** The block's text, without the fences. */
  code: string;
}

/** The repository root. */
export const ROOT = new URL("../../", import.meta.url);

/** README.md and every Markdown page under docs/, relative to the root. */
export async function documentationFiles(): Promise<string[]> {
  const files = ["README.md"];
  for await (const entry of Deno.readDir(new URL("docs/", ROOT))) {
    if (entry.isFile && entry.name.endsWith(".md")) files.push(`docs/${entry.name}`);
  }
  return files.sort();
}

/** The fenced code blocks of a Markdown text. */
export function codeBlocks(file: string, text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```+)\s*([\w-]*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j].trimStart().startsWith(fence); j++) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
    }
    blocks.push({
      file,
      line: i + 1,
      lang: lang.toLowerCase(),
      attributes: rest.split(/\s+/).filter((word) => word !== ""),
      code: body.join("\n") + "\n",
    });
    i = j;
  }
  return blocks;
}

/** Every code block of the documentation. */
export async function documentationBlocks(): Promise<CodeBlock[]> {
  const blocks: CodeBlock[] = [];
  for (const file of await documentationFiles()) {
    blocks.push(...codeBlocks(file, await Deno.readTextFile(new URL(file, ROOT))));
  }
  return blocks;
}

/**
 * The `lab-masks ...` commands of a shell block, each with its continuation lines joined and
 * comments dropped.
 */
export function labMasksCommands(code: string): string[] {
  const commands: string[] = [];
  let current = "";
  for (const raw of code.split("\n")) {
    const line = current === "" ? raw.trim() : raw;
    if (current === "" && !line.startsWith("lab-masks ")) continue;
    const continued = /\\\s*$/.test(line);
    current += continued ? line.replace(/\\\s*$/, " ") : line.replace(/\s+#.*$/, "");
    if (!continued) {
      commands.push(current.trim());
      current = "";
    }
  }
  return commands;
}
