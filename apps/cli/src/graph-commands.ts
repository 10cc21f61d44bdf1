import { type Command, Option } from "commander";
import type { makeContext } from "./context.js";

/** A command's action: the context, then commander's arguments; resolves to the exit code. */
export type Action = (ctx: ReturnType<typeof makeContext>, ...args: never[]) => Promise<number>;

// Loaded only when a graph command runs: they read headers, never scripts, drivers or the runner.
const graph = () => import("./commands/graph.js");

/** The commands that read only the revision graph: heads, branches, history, show, graph. */
export function addGraphCommands(
  program: Command,
  run: (action: Action) => (...args: unknown[]) => Promise<void>,
): void {
  program
    .command("heads")
    .description("show the heads of the revision graph")
    .option("-v, --verbose", "list details (for stack traces: mig --verbose <command>)")
    .option("--resolve-dependencies", "leave out effective heads (what `up heads` ends at)")
    .action(
      run(async (ctx, opts: { verbose?: boolean; resolveDependencies?: boolean }) =>
        (await graph()).headsCommand(ctx, opts),
      ),
    );
  program
    .command("branches")
    .description("show branch points")
    .option("-v, --verbose", "list details (for stack traces: mig --verbose <command>)")
    .action(
      run(async (ctx, opts: { verbose?: boolean }) => (await graph()).branchesCommand(ctx, opts)),
    );
  program
    .command("history")
    .description("list revisions, newest first")
    .option("-r, --rev-range <range>", "start:end, start: or :end")
    .option("-v, --verbose", "list details (for stack traces: mig --verbose <command>)")
    .option("-i, --indicate-current", "mark the database's current revisions")
    .action(
      run(async (ctx, opts: { revRange?: string; verbose?: boolean; indicateCurrent?: boolean }) =>
        (await graph()).historyCommand(ctx, {
          rev: opts.revRange,
          verbose: opts.verbose,
          indicateCurrent: opts.indicateCurrent,
        }),
      ),
    );
  program
    .command("show")
    .description("show one or more revisions in full")
    .argument("[revisions...]", "revision ids, head, heads ...")
    .action(run(async (ctx, revs: string[]) => (await graph()).showCommand(ctx, revs)));
  program
    .command("graph")
    .description("draw the revision graph: Mermaid (default), DOT or an HTML page")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["mermaid", "dot", "html"])
        .default("mermaid"),
    )
    .option("-o, --out <file>", "write to this file instead of stdout")
    .option("--no-collapse", "show every revision (default: runs of plain ones become one box)")
    .option("--no-db", "do not read the database to mark applied revisions")
    .action(
      run(async (ctx, opts: { format?: "mermaid" | "dot" | "html"; out?: string }) =>
        (await import("./commands/graph-picture.js")).graphCommand(ctx, opts),
      ),
    );
}
