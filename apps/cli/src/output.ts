import { isMigError } from "@mig/core";
import pc from "picocolors";
import { closeProgressLine } from "./progress.js";

export interface OutputOptions {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly verbose: boolean;
}

/** Everything the CLI prints goes through here: plain text, JSON, colours, errors. */
export class Output {
  readonly options: OutputOptions;
  readonly #c: ReturnType<typeof pc.createColors>;

  constructor(options: OutputOptions) {
    this.options = options;
    this.#c = pc.createColors(options.color);
  }

  get c() {
    return this.#c;
  }

  /** A result line; suppressed by --quiet and --json. */
  line(text = ""): void {
    if (!this.options.quiet && !this.options.json) process.stdout.write(`${text}\n`);
  }

  /** Output that is the command's product (SQL, --json) and is never suppressed. */
  raw(text: string): void {
    process.stdout.write(text);
  }

  json(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Progress and notes go to stderr so stdout stays clean for pipes. */
  info(text: string): void {
    if (!this.options.quiet) process.stderr.write(`${text}\n`);
  }

  error(error: unknown): void {
    closeProgressLine();
    const c = this.#c;
    if (isMigError(error)) {
      process.stderr.write(`${c.red("Error:")} ${error.message}\n`);
      if (error.hint) process.stderr.write(`${c.dim(error.hint)}\n`);
    } else {
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      process.stderr.write(`${c.red("Error:")} ${message}\n`);
      if (!this.options.verbose)
        process.stderr.write(`${c.dim("Run again with --verbose for details.")}\n`);
    }
    if (this.options.verbose && error instanceof Error) {
      let e: unknown = error;
      while (e instanceof Error) {
        process.stderr.write(`${c.dim(e.stack ?? String(e))}\n`);
        e = e.cause;
      }
    }
  }
}
