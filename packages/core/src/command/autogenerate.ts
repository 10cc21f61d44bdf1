import type { OptionKeys } from "../config/option-keys.js";
import { openProject } from "../config/project.js";
import type { GeneratedRevision } from "../config/revision-directives.js";
import { firstLine } from "../errors/first-line.js";
import { MigError } from "../errors/mig-error.js";
import { OPERATION_KINDS, type Operation } from "../operations/operation.js";
import type { RevisionHeader } from "../revision/revision-header.js";
import type { RunEvents } from "../runtime/run-events.js";
import { renderedImports, renderOperations } from "../schema/render-operations.js";
import type { SchemaChange } from "../schema/schema-diff.js";
import { assertKnownOptions } from "./call-arguments.js";
import { compareProject } from "./compare-project.js";
import {
  REVISION_KEYS,
  type RevisionOptions,
  requireBodyPlaceholders,
  revisionFields,
  writeRevision,
} from "./revision.js";

export interface AutogenerateOptions extends Omit<RevisionOptions, "format"> {
  /** Told which database is used, before connecting. */
  readonly events?: RunEvents | undefined;
}

const { format: _format, ...REVISION_KEYS_BUT_FORMAT } = REVISION_KEYS;
const AUTOGENERATE_KEYS: OptionKeys<AutogenerateOptions> = {
  ...REVISION_KEYS_BUT_FORMAT,
  events: true,
};
const AUTOGENERATE_EXAMPLE = 'autogenerate({ message: "add users" })';

export interface AutogenerateResult {
  /** The script written; null when none was (see `skipped`). */
  readonly path: string | null;
  readonly header: RevisionHeader | null;
  /** Why no script was written: no difference, or `processRevisionDirectives` returned null. */
  readonly skipped?: "no-changes" | "directives" | undefined;
  readonly changes: readonly SchemaChange[];
  readonly warnings: readonly string[];
}

/**
 * Compares the database (which must be at head) with the schema module and writes a
 * TypeScript migration that makes the one into the other, as
 * `mig revision --autogenerate -m msg` does. Always TypeScript, even in a project of SQL
 * scripts: the operations are `op` calls. No difference: no file.
 */
export async function autogenerate(options: AutogenerateOptions): Promise<AutogenerateResult> {
  assertKnownOptions("autogenerate", options, AUTOGENERATE_KEYS, AUTOGENERATE_EXAMPLE);
  const { events, ...revisionOptions } = options;
  const project = await openProject(revisionOptions);
  // Usage errors (--head, --depends-on, labels) before connecting.
  const fields = revisionFields(project, revisionOptions);
  requireBodyPlaceholders(project);
  const { diff, dialect } = await compareProject(project, events);
  const base = { changes: diff.changes, warnings: diff.warnings };
  if (diff.changes.length === 0 && diff.upgrade.length === 0) {
    return { path: null, header: null, skipped: "no-changes", ...base };
  }
  let generated: GeneratedRevision = {
    message: options.message,
    upgrade: diff.upgrade,
    downgrade: diff.downgrade,
    changes: diff.changes,
  };
  const hook = project.config.processRevisionDirectives;
  if (hook) {
    let rewritten: GeneratedRevision | null | undefined;
    try {
      rewritten = await hook(generated, { dialect, x: project.x, warnings: diff.warnings });
    } catch (error) {
      throw directivesFailed(error);
    }
    if (rewritten === null) return { path: null, header: null, skipped: "directives", ...base };
    if (rewritten !== undefined) generated = checked(rewritten);
  }
  const { upgrades, downgrades } = rendered(generated, hook !== undefined);
  const bodies = {
    imports: imports([...generated.upgrade, ...generated.downgrade]),
    upgrades,
    downgrades,
  };
  const result = writeRevision(
    project,
    { ...revisionOptions, format: "ts", bodies },
    { ...fields, message: generated.message },
  );
  return { path: result.path, header: result.header, ...base };
}

/**
 * The upgrade and downgrade bodies. Operations a `processRevisionDirectives` hook built may
 * lack what rendering reads (`{ kind: "addColumn" }`): that is the hook's mistake, said so.
 */
function rendered(
  generated: GeneratedRevision,
  fromHook: boolean,
): { upgrades: string[]; downgrades: string[] } {
  try {
    return {
      upgrades: body([
        ...byHand(generated.changes),
        ...renderOperations(generated.upgrade, comments(generated.changes)),
      ]),
      downgrades: body(renderOperations(generated.downgrade)),
    };
  } catch (error) {
    if (!fromHook || error instanceof MigError) throw error;
    throw new MigError(
      "config_invalid",
      `processRevisionDirectives returned an operation mig cannot write (${firstLine(error)}).`,
      {
        usage: true,
        hint: "Keep the operations it was given, or build each with every field its kind needs (docs/operations.md).",
        cause: error,
      },
    );
  }
}

/** A comment above the first operation of each change that loses data or looks like a rename. */
function comments(changes: readonly SchemaChange[]): Map<Operation, string[]> {
  const map = new Map<Operation, string[]>();
  for (const change of changes) {
    const first = change.upgrade[0];
    if (!first) continue;
    const lines = map.get(first) ?? [];
    if (change.destructive) lines.push(`destructive: ${change.destructive}`);
    if (change.renameHint) lines.push(change.renameHint);
    if (lines.length > 0) map.set(first, lines);
  }
  return map;
}

/** Changes with no operation that a person must make (a table collation), one comment each. */
function byHand(changes: readonly SchemaChange[]): string[] {
  return changes
    .filter((c) => c.upgrade.length === 0 && c.destructive)
    .flatMap((c) => [`// ${c.description}`, `// destructive: ${c.destructive}`]);
}

/** An empty body still says so, rather than leaving a function that looks unfinished. */
function body(lines: readonly string[]): string[] {
  return lines.length > 0 ? [...lines] : ["// nothing to do"];
}

/** The import line, with the helpers the rendered calls use (`t.varchar(255)`, `sql("now()")`). */
/** The template's import line: `Operations`, plus the `sql` and `t` the calls use. */
function imports(operations: readonly Operation[]): string {
  const names = renderedImports(operations);
  return names.length === 0
    ? 'import type { Operations } from "@mig/core";'
    : `import { type Operations, ${names.join(", ")} } from "@mig/core";`;
}

/** The hook threw: said as the hook's failure (it read as mig's own), nothing written. */
function directivesFailed(error: unknown): MigError {
  return new MigError(
    "hook_failed",
    `The processRevisionDirectives hook in mig.config failed: ${firstLine(error)}`,
    { hint: "No migration was written. Fix the hook and run again.", cause: error },
  );
}

function checked(revision: GeneratedRevision): GeneratedRevision {
  const ok =
    typeof revision === "object" &&
    revision !== null &&
    typeof revision.message === "string" &&
    Array.isArray(revision.upgrade) &&
    Array.isArray(revision.downgrade) &&
    [...revision.upgrade, ...revision.downgrade].every(isOperation);
  if (!ok) {
    throw new MigError(
      "config_invalid",
      'processRevisionDirectives returned something that is not a revision: a message, and upgrade and downgrade as lists of operations ({ kind: "createTable", ... }).',
      {
        usage: true,
        hint: "Return { ...revision, upgrade, downgrade } built from the operations it was given, null to write no file, or nothing to keep it.",
      },
    );
  }
  return { ...revision, changes: revision.changes ?? [] };
}

/** An operation as autogenerate renders them: an object with a `kind` it knows. */
function isOperation(op: unknown): boolean {
  return (
    typeof op === "object" && op !== null && OPERATION_KINDS.has((op as { kind?: unknown }).kind)
  );
}
