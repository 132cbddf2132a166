/**
 * Fixtures of the reliability tests: varied mask tasks, the files of an export folder, and the
 * command line run as a child process that a test can read line by line and kill.
 *
 * @module
 */
import { clientOf } from "../_fixtures/lab_client.ts";
import type { LabClient } from "../../lib/api/lab_client.ts";
import type { LabClientOptions } from "../../lib/api/lab_client_options.ts";
import type { Task } from "../../lib/api/types.ts";
import { exportMasks, type ExportMasksOptions } from "../../lib/export/export_masks.ts";
import type { ExportSummary } from "../../lib/model/export_summary.ts";
import { encodeDataUri } from "../../lib/raster/mask_data_uri.ts";
import type { FakeLab } from "../../testing/fake_lab.ts";
import { drawMask, type MaskPngOptions, writeMaskPng } from "../../testing/mask_png.ts";
import { listFiles } from "../_fixtures/temp_dir.ts";
import { withDeadline } from "../_fixtures/deadline.ts";
import { fromFileUrl } from "../../lib/_std/path.ts";

const FLAVOURS: MaskPngOptions[] = [
  { colourType: 6 },
  { colourType: 2, bitDepth: 16 },
  { colourType: 3, interlace: true },
  { colourType: 4, filter: "cycle" },
  { colourType: 6, bitDepth: 16, interlace: true, filter: 4 },
];

/** `count` tasks `t<i>` named `scene/<i>.jpg`, each with its own mask, size and PNG flavour. */
export function variedMaskTasks(count: number, size = { width: 24, height: 16 }): Task[] {
  return Array.from({ length: count }, (_, i) => {
    const width = size.width + (i % 7);
    const mask = drawMask({ width, height: size.height }, [
      { id: 1 + (i % 200), bChannel: 1 + (i % 3), rect: [i % width, 2, width, 9] },
      { id: 201, bChannel: 2, circle: [width / 2, size.height / 2, 2 + (i % 5)] },
    ]);
    return {
      _id: `t${i}`,
      name: `scene/${i}.jpg`,
      status: "complete",
      data: { body: { mask: encodeDataUri(writeMaskPng(mask, FLAVOURS[i % FLAVOURS.length])) } },
    };
  });
}

/** Every file below `root`, by relative path, with its bytes. */
export async function readTree(root: string): Promise<Map<string, Uint8Array>> {
  const tree = new Map<string, Uint8Array>();
  for (const file of await listFiles(root)) tree.set(file, await Deno.readFile(`${root}/${file}`));
  return tree;
}

/** A client of a fake lab. */
export function clientFor(lab: FakeLab, options: Partial<LabClientOptions> = {}): LabClient {
  return clientOf(lab, { retryDelayMs: 500, ...options });
}

/** Exports project `p1` of a fake lab into `<folder>/out`. */
export function exportFrom(
  lab: FakeLab,
  folder: string,
  options: Partial<ExportMasksOptions> = {},
): Promise<ExportSummary> {
  const settings = { projectId: "p1", outputFolder: folder, outputFilename: "out" };
  return exportMasks({ client: clientFor(lab), ...settings, ...options });
}

/** The environment that points the command line at a fake lab. */
export function envFor(lab: FakeLab): Record<string, string> {
  return {
    ISAHIT_LAB_API_ACCESS_ID: lab.accessId,
    ISAHIT_LAB_API_SECRET_KEY: lab.secretKey,
    ISAHIT_LAB_API_ENDPOINT: lab.url,
  };
}

/** A running `cli.ts`: its process, and its output so far. */
export interface CliProcess {
  /** The child process. */
  child: Deno.ChildProcess;
  /** Resolves with the first line of stderr that matches, or `undefined` if stderr ends first. */
  stderrLine(pattern: RegExp): Promise<string | undefined>;
  /** Waits for the exit and returns the code and everything printed. */
  finished(): Promise<{ code: number; signal: Deno.Signal | null; stdout: string; stderr: string }>;
}

const CLI = fromFileUrl(new URL("../../cli.ts", import.meta.url));
/** How long a run of the command line, or a wait for its output, may take in a test. */
const DEADLINE_MS = 120_000;

/** Starts `deno run cli.ts <args>` with only `env` (and `NO_COLOR`) in its environment. */
export function spawnCli(args: string[], options: { env?: Record<string, string>; cwd: string }) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-write", "--allow-env", CLI]
      .concat(args),
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stdout = new Response(child.stdout).text();
  let stderr = "";
  const waiting: { pattern: RegExp; resolve: (line: string | undefined) => void }[] = [];
  const settle = (final: boolean) => {
    for (const wait of [...waiting]) {
      const line = stderr.split("\n").find((candidate) => wait.pattern.test(candidate));
      if (line === undefined && !final) continue;
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve(line);
    }
  };
  const stderrDone = (async () => {
    for await (const text of child.stderr.pipeThrough(new TextDecoderStream())) {
      stderr += text;
      settle(false);
    }
    settle(true);
  })();
  const process: CliProcess = {
    child,
    stderrLine(pattern) {
      const line = new Promise<string | undefined>((resolve) => {
        waiting.push({ pattern, resolve });
        settle(false);
      });
      return withDeadline(line, DEADLINE_MS, `a line ${pattern} on lab-masks' stderr`);
    },
    async finished() {
      // A run that hangs is killed, so the test fails instead of waiting for ever.
      let expired = false;
      const timer = setTimeout(() => {
        expired = true;
        child.kill("SIGKILL");
      }, DEADLINE_MS);
      try {
        const [status, out] = await Promise.all([child.status, stdout, stderrDone]);
        if (expired) {
          throw new Error(`lab-masks ${args.join(" ")}: killed, no end within ${DEADLINE_MS} ms`);
        }
        return { code: status.code, signal: status.signal, stdout: out, stderr };
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return process;
}

/** Runs `cli.ts` to its end and returns its exit code and output. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd: string },
): ReturnType<CliProcess["finished"]> {
  return spawnCli(args, options).finished();
}
