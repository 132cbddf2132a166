import type { Task } from "../api/types.ts";
import type { FormatTaskResult, FormatWriter } from "./format_writer.ts";
import { labTaskDocument } from "./lab_task_document.ts";
import type { OutputFile } from "./output_file.ts";
import { pythonJsonElement } from "./python_json.ts";

const TEXT = new TextEncoder();

/** Writes the SDK's `lab` JSON array, one task at a time: memory does not grow with the tasks. */
export class LabWriter implements FormatWriter {
  #file: OutputFile;
  #dryRun: boolean;
  #count = 0;

  constructor(file: OutputFile, options: { dryRun: boolean }) {
    this.#file = file;
    this.#dryRun = options.dryRun;
  }

  async take(task: Task, mine: boolean): Promise<FormatTaskResult | undefined> {
    if (!mine) return undefined;
    if (!this.#dryRun) {
      const element = pythonJsonElement(labTaskDocument(task));
      await this.#file.write(TEXT.encode(`${this.#count === 0 ? "[\n" : ",\n"}${element}`));
    }
    this.#count++;
    return { status: "exported" };
  }

  async finish(): Promise<void> {
    if (this.#dryRun || this.#count === 0) return;
    await this.#file.write(TEXT.encode("\n]"));
    await this.#file.commit();
  }

  async finishEmpty(): Promise<void> {
    if (this.#dryRun || this.#count > 0) return;
    await this.#file.write(TEXT.encode("[]"));
    await this.#file.commit();
  }

  abandon(): Promise<void> {
    return this.#file.abandon();
  }
}
