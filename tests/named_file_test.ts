import assert from "./_std/assert.ts";
import { errorWith } from "./_std/error_with.ts";
import { NamedFileError, readNamedFile } from "../lib/named_file.ts";
import { tempDir } from "./_fixtures/temp_dir.ts";
import { labEnv, runCli } from "./_fixtures/run_cli.ts";
import { startFakeLab } from "../testing/fake_lab.ts";

const posix = Deno.build.os === "windows" ? Deno.test.ignore : Deno.test;

Deno.test("readNamedFile() reads a file whole, up to exactly its limit, and refuses one byte more or a folder", async () => {
  await using dir = await tempDir();
  // Multi-byte characters across any boundary, and a size past the first buffer.
  const text = "voiture é 🚗 ".repeat(10_000);
  const bytes = new TextEncoder().encode(text);
  await Deno.writeFile(`${dir.path}/m.json`, bytes);
  assert.equal(await readNamedFile(`${dir.path}/m.json`), text);
  assert.equal(await readNamedFile(`${dir.path}/m.json`, { maxBytes: bytes.length }), text);
  await assert.rejects(
    readNamedFile(`${dir.path}/m.json`, { maxBytes: bytes.length - 1 }),
    errorWith(NamedFileError, /^it holds more than \d+ KiB, more than such a file ever needs$/),
  );
  await assert.rejects(
    readNamedFile(dir.path),
    errorWith(NamedFileError, "it is a folder, not a file"),
  );
  await assert.rejects(readNamedFile(`${dir.path}/none.json`), Deno.errors.NotFound);
});

posix(
  "readNamedFile() stops reading an endless device at its limit, and reads a pipe to its end",
  async () => {
    await assert.rejects(
      readNamedFile("/dev/zero", { maxBytes: 3 * 1024 * 1024 }),
      errorWith(NamedFileError, "it holds more than 3 MiB"),
    );
    await using dir = await tempDir();
    const fifo = `${dir.path}/fifo`;
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assert.equal(made.code, 0);
    const text = '{"car": [1, 2, 3]}'.repeat(20_000);
    const [read] = await Promise.all([readNamedFile(fifo), Deno.writeTextFile(fifo, text)]);
    assert.equal(read, text);
  },
);

posix(
  "export refuses /dev/zero as a semantic mapping or a configuration, naming the flag (exit 2)",
  async () => {
    await using dir = await tempDir();
    await using lab = await startFakeLab({ projects: [] });
    await Deno.writeTextFile(`${dir.path}/tasks.json`, "[]");
    const cases: [string[], RegExp][] = [
      [
        ["--project-id", "p1", "--semantic-mapping", "/dev/zero"],
        /^error: Option "--semantic-mapping" is neither JSON text .* cannot read "\/dev\/zero": it holds more than 16 MiB/,
      ],
      [
        ["--from-export", `${dir.path}/tasks.json`, "--config", "/dev/zero"],
        /^error: The file "\/dev\/zero" given with --config cannot be read: it holds more than 64 MiB/,
      ],
    ];
    for (const [args, reason] of cases) {
      const ran = await runCli(["export", ...args, "-o", dir.path], labEnv(lab));
      assert.equal(ran.code, 2, ran.stderr);
      assert.match(ran.stderr, reason);
    }
    assert.equal(lab.requests.length, 0);
  },
);
