import * as act from "./actions.js";
import type { CommandContext, GlobalOptions } from "./context.js";

type Run = (ctx: CommandContext) => Promise<number>;

// Each command as commander calls it when given nothing else: no positional argument (the
// optional one undefined) and no option.
const up: Run = (ctx) => act.up(ctx, undefined, {});
const BARE: Readonly<Record<string, Run>> = {
  up,
  upgrade: up,
  current: (ctx) => act.current(ctx, {}),
  status: (ctx) => act.status(ctx, {}),
  check: (ctx) => act.check(ctx, {}),
  log: (ctx) => act.log(ctx, {}),
  heads: (ctx) => act.heads(ctx, {}),
  branches: (ctx) => act.branches(ctx, {}),
  history: (ctx) => act.history(ctx, {}),
};

/** The global options when none is given (`--no-color` defaults colour on). */
export const BARE_GLOBALS: GlobalOptions = { color: true, x: [], verbose: false };

/**
 * The command `argv` names when it is the only word (`mig up`, `mig current`, the usual
 * deploy and CI calls), `mig up [target] --sql`, or `mig show` with revisions only: there
 * is nothing to parse, so it runs without loading commander (about a tenth of a no-op
 * `mig up`). Anything else, help included, goes to the parser.
 */
export function bareCommand(argv: readonly string[]): Run | undefined {
  const [name, ...rest] = argv;
  if (name === "show" && rest.every(isPlainWord)) return (ctx) => act.show(ctx, rest);
  if ((name === "up" || name === "upgrade") && rest.includes("--sql")) {
    const words = rest.filter((word) => word !== "--sql");
    if (words.length === rest.length - 1 && words.length <= 1 && words.every(isPlainWord))
      return (ctx) => act.up(ctx, words[0], { sql: true });
  }
  return argv.length === 1 && name !== undefined && Object.hasOwn(BARE, name)
    ? BARE[name]
    : undefined;
}

// `mig show <ids...>` takes only revisions: a word that is not an option (nor `-1`, `--`)
// is one, as commander would pass it.
const isPlainWord = (word: string) => word.length > 0 && !word.startsWith("-");
