import { isMigError } from "@mig/core/internal/cli";
import pc from "picocolors";
import { closeProgressLine } from "./progress-line.js";

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
  raw(text: string | Uint8Array): void {
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
    if (this.options.json) {
      this.json({ error: errorJson(error) });
      if (this.options.verbose) this.#stacks(error);
      return;
    }
    if (isMigError(error)) {
      process.stderr.write(`${c.red("Error:")} ${error.message}\n`);
      if (error.hint) process.stderr.write(`${c.dim(error.hint)}\n`);
    } else {
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      process.stderr.write(`${c.red("Error:")} ${message}\n`);
      // A usage error's message already says what to change; a trace would not help.
      const usage = (error as { usage?: boolean } | null)?.usage === true;
      if (!this.options.verbose && !usage)
        process.stderr.write(`${c.dim("Run again with --verbose for details.")}\n`);
    }
    if (this.options.verbose) this.#stacks(error);
  }

  #stacks(error: unknown): void {
    let e: unknown = error;
    while (e instanceof Error) {
      process.stderr.write(`${this.#c.dim(e.stack ?? String(e))}\n`);
      e = e.cause;
    }
  }
}

/** An error as `--json` prints it: `{ code, message, hint }`, the same for every command. */
export function errorJson(error: unknown): { code: string; message: string; hint: string | null } {
  if (isMigError(error))
    return { code: error.code, message: error.message, hint: error.hint ?? null };
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  return (error as { usage?: boolean } | null)?.usage
    ? { code: "usage", message, hint: null }
    : { code: "unexpected", message, hint: "Run again with --verbose for details." };
}
