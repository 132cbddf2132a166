/**
 * Run as a child process by `report_stream_test.ts`: exports the report project into
 * `<folder>/out` with a report, and kills itself (SIGKILL, no cleanup of any kind) halfway
 * through writing the report's last part, as a crash or `kill -9` would.
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 --allow-read --allow-write --allow-run \
 *   tests/report/_killed_during_report.ts <folder>
 * ```
 *
 * @module
 */
import { DENO_FILE_SYSTEM, type FileSystem } from "../../lib/model/file_system.ts";
import { PARTIAL_REPORT_NAME } from "../../lib/report/export_report.ts";
import { exportWithReport } from "./_report_fixture.ts";

/** Writes the first half of the chunk that closes the page, then dies. */
function dyingWrite(file: Deno.FsFile): (bytes: Uint8Array) => Promise<number> {
  return async (bytes) => {
    if (!new TextDecoder().decode(bytes).includes("</html>")) return await file.write(bytes);
    const half = bytes.subarray(0, bytes.length >> 1);
    let written = 0;
    while (written < half.length) written += await file.write(half.subarray(written));
    Deno.kill(Deno.pid, "SIGKILL");
    return await new Promise<number>(() => {});
  };
}

const fileSystem: FileSystem = {
  ...DENO_FILE_SYSTEM,
  async open(path, options) {
    const file = await DENO_FILE_SYSTEM.open(path, options);
    if (!path.endsWith(PARTIAL_REPORT_NAME)) return file;
    const write = dyingWrite(file);
    return new Proxy(file, {
      get(target, name) {
        if (name === "write") return write;
        const value = Reflect.get(target, name);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  },
};

await exportWithReport(Deno.args[0], { fileSystem });
console.log("the export ended without being killed");
