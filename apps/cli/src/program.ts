import { Command, CommanderError, Option } from "commander";
import * as act from "./actions.js";
import { buildOnly, soleCommand } from "./command-filter.js";
import { makeContext } from "./context.js";
import { addFleetOptions } from "./fleet-flags.js";
import { addGlobalOptions, globalsOf, parseLockTimeout } from "./global-options.js";
import { addGraphCommands } from "./graph-commands.js";
import { Output } from "./output.js";
import { reportError } from "./report-error.js";
import { usageErrorJson, wantsJson } from "./usage-error.js";
import { VERSION } from "./version.js";

/** Parses `argv` with commander and runs the command it names; resolves to the exit code. */
export async function runProgram(argv: readonly string[], everyCommand: boolean): Promise<number> {
  let code = 0;
  // Until a command's options are parsed (usage errors), guess from the words given.
  let verbose = argv.includes("--verbose");
  let json = wantsJson(argv);
  const program = new Command("mig");
  const only = everyCommand ? undefined : soleCommand(argv);
  if (only !== undefined) buildOnly(program, only);
  const run =
    (action: act.Action) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const globals = globalsOf(program, command);
      verbose = globals.verbose === true;
      json = globals.json === true;
      const ctx = makeContext(globals);
      code = await (action as (...a: unknown[]) => Promise<number>)(ctx, ...args.slice(0, -1));
    };

  // Global options go before the command or after it (each command repeats them, below), so
  // a command's own `--verbose` (history, current) is not taken by the program's.
  addGlobalOptions(program)
    .description("Database migrations for TypeScript and Node.js")
    .version(VERSION, "--version")
    .enablePositionalOptions()
    .addHelpText(
      "after",
      "\nGlobal options go before or after the command: mig --json up, mig up --json.",
    )
    .showHelpAfterError("(run mig --help for usage)")
    .exitOverride()
    .configureOutput({
      // With --json a usage error is printed as JSON on stdout instead (below).
      writeErr: (s) => (json ? undefined : process.stderr.write(s)),
    });

  program
    .command("init")
    .description("create mig.config.ts and a migrations directory")
    .argument("[dir]", "directory to create the project in", ".")
    .addOption(
      new Option("-t, --template <kind>", "script template").choices(["ts", "sql"]).default("ts"),
    )
    .action(run(act.init));

  program
    .command("revision")
    .description("create a new migration script")
    .requiredOption("-m, --message <text>", "what the migration does")
    .option("--head <rev>", "revision to base the new one on (default: the single head)")
    .option("--splice", "allow --head to name a revision that is not a head")
    .option("--branch-label <label>", "branch label for the new revision")
    .option("--depends-on <rev...>", "revisions the new one depends on")
    .option("--rev-id <id>", "revision id instead of a random one")
    .option("--version-path <dir>", "which version location to write to")
    .option("--sql", "write a .sql script instead of TypeScript")
    .option("--autogenerate", "write the operations that make the database match the schema")
    .action(run(act.revision));

  addFleetOptions(
    program
      .command("check")
      .description("compare the database with the schema module: exit 0 when they match, 1 if not"),
    { failFast: false },
  ).action(run(act.check));

  program
    .command("pull")
    .description("write the schema module from the live database")
    .option("--out <file>", "where to write it (default: schema in the config, else ./schema.ts)")
    .option("--force", "replace the file if it exists")
    .option("--schema <names...>", "also read these schemas, besides the default one")
    .action(run(act.pull));

  program
    .command("baseline")
    .description("adopt an existing database: one revision creating its schema, stamped")
    .option("-m, --message <text>", "the revision's message (default: baseline)")
    .option("--rev-id <id>", "revision id instead of a random one")
    .option("--version-path <dir>", "which version location to write into")
    .option("--schema <names...>", "also read these schemas, besides the default one")
    .option("--no-stamp", "write the revision only; leave the version table alone")
    .option("--tag <tag>", "arbitrary tag passed to the stamp's hooks")
    .addOption(new Option("--sql").hideHelp())
    .action(run(act.baseline));

  program
    .command("merge")
    .description("create a merge revision joining several heads")
    .argument("[revisions...]", "revisions to merge", ["heads"])
    .option("-m, --message <text>", "message for the merge")
    .option("--branch-label <label>", "branch label for the merge revision")
    .option("--rev-id <id>", "revision id instead of a random one")
    .action(run(act.merge));

  program
    .command("squash")
    .description("replace a linear run of revisions <from>:<to> with one script")
    .argument("<range>", "the run's oldest and newest revision, e.g. ae10:head")
    .requiredOption("-m, --message <text>", "message for the new revision")
    .option("--rev-id <id>", "revision id instead of a random one")
    .action(run(act.squash));

  const runFlags = (c: Command) =>
    c
      .option("--sql", "print the SQL instead of running it (offline; start:end ranges)")
      .option(
        "--lock-timeout <seconds>",
        "seconds to wait for another run's lock (default: lockTimeout in the config, else 60)",
        parseLockTimeout,
      )
      .option("--tag <tag>", "arbitrary tag passed to hooks");

  for (const name of ["up", "upgrade"]) {
    const up = runFlags(
      program.command(name).description("apply migrations up to a target (default: head)"),
    );
    addFleetOptions(up)
      .argument("[target]", "head, heads, a revision, +N, <label>@head ...")
      .option("--strict", "stop if an applied script was edited or removed since it ran")
      .option("--resume", "run the rest of a migration a failed up left half applied (MySQL)")
      .option("--restart", "run a half-applied migration again from its first statement")
      .action(run(act.up));
  }
  for (const name of ["down", "downgrade"]) {
    addFleetOptions(
      runFlags(program.command(name).description("revert migrations down to a target")),
    )
      .argument("<target>", "a revision, base, -N, <label>@-N ...")
      .action(run(act.down));
  }
  runFlags(program.command("stamp").description("set the version table without running migrations"))
    .argument("<revisions...>", "revisions (or base)")
    .option("--purge", "empty the version table first")
    .action(run(act.stamp));

  addFleetOptions(
    program
      .command("current")
      .description("show the revisions the database is at")
      .option("-v, --verbose", "list details (for stack traces: mig --verbose <command>)"),
    { failFast: false },
  ).action(run(act.current));
  addFleetOptions(
    program.command("status").description("show the current revisions and the pending migrations"),
    { failFast: false },
  ).action(run(act.status));
  program
    .command("log")
    .description("show the applied log, newest first; --verify checks applied scripts")
    .option("-n, --limit <count>", "show at most this many rows")
    .option("--verify", "list applied scripts edited or removed since they ran (exit 1 if any)")
    .action(run(act.log));
  addGraphCommands(program, run);
  if (only !== undefined && program.commands.length === 0) return runProgram(argv, true);

  // Only a command named in argv can run or show its help, so only those get the global
  // options (ten options on each of twenty commands were most of commander's set-up time);
  // with none named (`mig --help`, a misspelt command) every command gets them, as before.
  const named = program.commands.filter((c) =>
    [c.name(), ...c.aliases()].some((name) => argv.includes(name)),
  );
  for (const c of named.length > 0 ? named : program.commands) {
    addGlobalOptions(c, {
      traces: !c.options.some((o) => o.long === "--verbose"),
      nameShort: !c.options.some((o) => o.short === "-n"),
    });
    // A mistake in a command's options points at that command's help, where they are.
    c.showHelpAfterError(`(run mig ${c.name()} --help for usage)`);
  }

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      if (json)
        new Output({ json, quiet: false, color: false, verbose }).json(usageErrorJson(error));
      return 2;
    }
    return reportError(error, { json, verbose });
  }
  return code;
}
