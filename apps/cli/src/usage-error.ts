import type { CommanderError } from "commander";

/** `--json` among the arguments (before a `--`): known before commander parsed them. */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).includes("--json");
}

/** A commander usage error (unknown option, missing argument) in `--json`'s error shape. */
export function usageErrorJson(error: CommanderError) {
  const text = error.message.replace(/^error:\s*/, "").trim();
  return {
    error: {
      code: "usage",
      message: text.charAt(0).toUpperCase() + text.slice(1),
      hint: "Run mig --help (or mig <command> --help) for usage.",
    },
  };
}
