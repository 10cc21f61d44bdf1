import { type Command, Option } from "commander";
import * as act from "./actions.js";

/** The commands that read only the revision graph: heads, branches, history, show, graph. */
export function addGraphCommands(
  program: Command,
  run: (action: act.Action) => (...args: unknown[]) => Promise<void>,
): void {
  program
    .command("heads")
    .description("show the heads of the revision graph")
    .option("-v, --verbose", "list details (for stack traces: mig --verbose <command>)")
    .option("--resolve-dependencies", "leave out effective heads (what `up heads` ends at)")
    .action(run(act.heads));
  program
    .command("branches")
    .description("show branch points")
    .option("-v, --verbose", "list details (for stack traces: mig --verbose <command>)")
    .action(run(act.branches));
  program
    .command("history")
    .description("list revisions, newest first")
    .option("-r, --rev-range <range>", "start:end, start: or :end")
    .option("-v, --verbose", "list details (for stack traces: mig --verbose <command>)")
    .option("-i, --indicate-current", "mark the database's current revisions")
    .action(run(act.history));
  program
    .command("show")
    .description("show one or more revisions in full")
    .argument("[revisions...]", "revision ids, head, heads ...")
    .action(run(act.show));
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
    .action(run(act.picture));
}
