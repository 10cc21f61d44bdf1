import type { Command } from "commander";

/**
 * The command a run names as its first word (`mig up ...`), when only that command needs
 * building: not for help (which lists them all) nor when an option comes first.
 */
export function soleCommand(argv: readonly string[]): string | undefined {
  const first = argv[0];
  if (first === undefined || first.startsWith("-") || first === "help") return undefined;
  if (argv.includes("--help") || argv.includes("-h")) return undefined;
  return first;
}

/**
 * Makes `program.command(name)` build only the command `only`; any other gets a stand-in
 * that takes and ignores the same calls. Building every command's options was most of
 * commander's set-up (~8 ms of `mig up`). The caller builds them all again when `only`
 * names none (a misspelt command gets its "did you mean").
 */
export function buildOnly(program: Command, only: string): void {
  const add = program.command.bind(program);
  const skipped: Command = new Proxy(Object.create(null), {
    get: (_target, key) => (key === "then" ? undefined : () => skipped),
  });
  program.command = ((nameAndArgs: string, ...rest: never[]) =>
    nameAndArgs.split(" ")[0] === only
      ? add(nameAndArgs, ...rest)
      : skipped) as unknown as typeof program.command;
}
