import assert from "../_std/assert.ts";
import { foldFileName } from "../../lib/model/fold_file_name.ts";
import { MaskFileRegistry } from "../../lib/model/mask_file_registry.ts";

// The folding as documented: compatibility form, cased up then down, composed form.
const documented = (path: string) =>
  path.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFC");

Deno.test("foldFileName() of ASCII names, its short way, is the documented folding", () => {
  const every = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join("");
  const names = [every, "Frames/FRAME_000123.JPG.png", "a.png", "", "CON.jpg", "x\u007f.png"];
  for (const name of names) {
    assert.equal(foldFileName(name), documented(name), JSON.stringify(name));
  }
  // One character beyond ASCII takes the long way, for the whole name.
  for (const name of ["Ä/FRAME.png", "ſtreet/A.png", "\u212Aelvin/B.png", "ﬁle/C.png"]) {
    assert.equal(foldFileName(name), documented(name), name);
  }
});

Deno.test("MaskFileRegistry keeps names of up to 200 bytes of UTF-8 and shortens longer ones, whatever the characters' sizes", () => {
  const encoder = new TextEncoder();
  // One character of 1, 2, 3 and 4 bytes of UTF-8 (1 or 2 UTF-16 units).
  for (const character of ["a", "é", "€", "😀"]) {
    const size = encoder.encode(character).length;
    for (let bytes = 188; bytes <= 212; bytes++) {
      // `bytes` bytes in all with the ".png" suffix, when the characters fill them exactly.
      const count = Math.floor((bytes - 4) / size);
      const name = `${character.repeat(count)}${"b".repeat(bytes - 4 - count * size)}.png`;
      assert.equal(encoder.encode(name).length, bytes);
      const { file, reason } = new MaskFileRegistry({ platform: "posix" }).claimFile(
        `frames/${name}`,
        "t1",
      );
      const kept = file.split("/")[1];
      if (bytes <= 200) {
        assert.equal(kept, name, `${bytes} bytes of ${character}`);
        assert.equal(reason, undefined);
      } else {
        assert.ok(encoder.encode(kept).length <= 200, `${bytes} bytes of ${character}`);
        assert.match(kept, /~[0-9a-f]{12}\.png$/);
        assert.match(reason ?? "", /shortened/);
      }
    }
  }
});

Deno.test("MaskFileRegistry changes a plain ASCII path only where a rule says so: device names, a trailing dot, long or empty names", () => {
  const long = "a".repeat(197);
  const cases: [string, string][] = [
    ["frames/frame_000123.jpg.png", "frames/frame_000123.jpg.png"],
    ["Cam-1/x_y.z.png", "Cam-1/x_y.z.png"],
    ["frames/con.jpg.png", "frames/con_.jpg.png"],
    ["frames/COM1.png", "frames/COM1_.png"],
    ["LPT9/a.png", "LPT9_/a.png"],
    ["aux", "aux_"],
    ["frames/CONIN.png", "frames/CONIN.png"],
    ["frames/console.png", "frames/console.png"],
    ["frames/COM12.png", "frames/COM12.png"],
    ["a./b.png", "a._/b.png"],
    ["./b.png", "._/b.png"],
    ["frames//b.png", "frames/b.png"],
    [`frames/${long.slice(1)}.png`, `frames/${long.slice(1)}.png`],
  ];
  for (const [path, expected] of cases) {
    const { file } = new MaskFileRegistry({ platform: "posix" }).claimFile(path, "t1");
    assert.equal(file, expected, path);
  }
  // 201 bytes: shortened, with the hash of the whole stem.
  const { file } = new MaskFileRegistry({ platform: "posix" }).claimFile(
    `frames/${long}.png`,
    "t1",
  );
  assert.match(file, /^frames\/a+~[0-9a-f]{12}\.png$/);
  assert.ok(file.length - "frames/".length <= 200);
});

Deno.test("MaskFileRegistry gives a task claiming again its own file, whatever its id's form, and another task a second name", () => {
  // Hex ids are packed two digits a byte, others as UTF-8; a lone surrogate is kept aside.
  const ids = [
    "650000000000000000001eef",
    "task_000123",
    "tâche-é",
    "t\ud800",
    "65000000000000000000",
  ];
  const registry = new MaskFileRegistry({ platform: "posix" });
  for (const [i, id] of ids.entries()) {
    const path = `frames/f${i}.png`;
    assert.deepEqual(registry.claimFile(path, id), { file: path });
    assert.deepEqual(registry.claimFile(path, id), { file: path }, `${id} again`);
    // An id that differs in its last unit only is another task.
    const other = `${id.slice(0, -1)}${id.at(-1) === "0" ? "1" : "0"}`;
    const second = registry.claimFile(path, other);
    assert.notEqual(second.file, path, `${other} after ${id}`);
    assert.match(second.reason ?? "", /is taken by task/);
  }
});

Deno.test("MaskFileRegistry renames a name taken beside the file recorded last, and a folder that is a file", () => {
  const registry = new MaskFileRegistry({ platform: "posix" });
  assert.equal(registry.claim("frames/a.png", "t1"), "frames/a.png");
  // Beside the file recorded last: its folder is known, its name taken (case aside).
  assert.equal(registry.claim("frames/A.png", "t2"), "frames/A__t2.png");
  assert.equal(registry.claim("frames/A.png", "t2"), "frames/A__t2.png", "claimed again");
  assert.equal(registry.claim("frames/a.png", "t1"), "frames/a.png", "claimed again");
  assert.equal(registry.claim("frames/b.png", "t3"), "frames/b.png");
  // A folder named as a task's file.
  const { file, reason } = registry.claimFile("frames/a.png/x.png", "t4");
  assert.equal(file, "frames/a.png__t4/x.png");
  assert.match(reason ?? "", /its folder "frames\/a\.png" is the file of task t1/);
  assert.equal(registry.claim("frames/a.png/y.png", "t5"), "frames/a.png__t5/y.png");
  assert.equal(registry.claim("frames/c.png", "t6"), "frames/c.png");
});
