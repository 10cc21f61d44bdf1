import { dirname, join } from "node:path";
import type { OptionKeys } from "../config/option-keys.js";
import { openProject, PROJECT_KEYS, type ProjectOptions } from "../config/project.js";
import type { Operation } from "../operations/operation.js";
import { verifyRevisionId } from "../revision/build-graph.js";
import { DuplicateRevisionError } from "../revision/revision-errors.js";
import type { RevisionHeader } from "../revision/revision-header.js";
import { renderedImports, renderOperations } from "../schema/render-operations.js";
import { DEFAULT_FILE_TEMPLATE, renderFileName, slugify } from "../script/file-template.js";
import { replacedIds, SQUASHED_DIR } from "../script/replaces.js";
import { newRevisionId } from "../script/revision-id.js";
import { DEFAULT_TS_TEMPLATE, renderScript } from "../script/script-template.js";
import { assertKnownOptions } from "./call-arguments.js";
import { type CapturedScript, captureScript } from "./squash-capture.js";
import { commitSquash } from "./squash-files.js";
import { squashRun } from "./squash-range.js";
import { repointChild } from "./squash-repoint.js";

export interface SquashOptions extends ProjectOptions {
  /** `<from>:<to>`: the oldest and newest revision of the run, as ids, prefixes or `head`. */
  readonly range: string;
  readonly message: string;
  readonly revId?: string | undefined;
  readonly date?: Date | undefined;
}

const SQUASH_KEYS: OptionKeys<SquashOptions> = {
  ...PROJECT_KEYS,
  range: true,
  message: true,
  revId: true,
  date: true,
};

export interface SquashResult {
  /** The new script. */
  readonly path: string;
  readonly header: RevisionHeader;
  /** Where the old scripts were moved (`squashed/` beside the new script). */
  readonly keptIn: string;
  /** Scripts whose `downRevision` now names the new revision. */
  readonly repointed: readonly string[];
}

/**
 * Replaces a linear run of revisions with one script doing the run's operations, as
 * `mig squash` does (docs/squash.md). Everything is checked and rendered before any file
 * changes; then the new script appears, the children are re-pointed and the old scripts
 * move to `squashed/` together, or nothing changes.
 */
export async function squash(options: SquashOptions): Promise<SquashResult> {
  assertKnownOptions(
    "squash",
    options,
    SQUASH_KEYS,
    'squash({ range: "ae10:head", message: "squashed" })',
  );
  const project = await openProject(options);
  const run = squashRun(project, options.range);
  const captured: CapturedScript[] = [];
  for (const script of run.scripts) captured.push(await captureScript(script));

  const id = options.revId ?? newRevisionId();
  verifyRevisionId(id, { usage: true });
  if (project.map.revisions.has(id) || replacedIds(project.scripts).has(id))
    throw new DuplicateRevisionError(id, [], { usage: true });
  const first = run.revisions[0]!;
  const replaces = run.revisions.map((r) => r.revision);
  const header: RevisionHeader = {
    revision: id,
    downRevisions: first.downRevisions,
    branchLabels: [],
    dependsOn: [],
    message: options.message,
    replaces,
  };
  const upgrade = captured.flatMap((c) => c.upgrade);
  const downgrade = captured.toReversed().flatMap((c) => c.downgrade);
  const dir = dirname(run.scripts[0]!.path);
  const date = options.date ?? new Date();
  const name = `${renderFileName(project.config.fileTemplate ?? DEFAULT_FILE_TEMPLATE, {
    rev: id,
    slug: slugify(options.message),
    date,
    ...(project.config.timezone ? { timezone: project.config.timezone } : {}),
  })}.ts`;
  const last = replaces.at(-1)!;
  const rewrites = run.children.map((child) => ({
    path: child.path,
    text: repointChild(child, last, id),
  }));
  const newPath = join(dir, name);
  const keepDir = join(dir, SQUASHED_DIR);
  commitSquash({
    newPath,
    newText: renderSquash(header, upgrade, downgrade, date),
    rewrites,
    moves: run.scripts.map((s) => s.path),
    keepDir,
  });
  return { path: newPath, header, keptIn: keepDir, repointed: rewrites.map((r) => r.path) };
}

/** The default TS script with the operations as bodies and `replaces` after `dependsOn`. */
function renderSquash(
  header: RevisionHeader,
  upgrade: readonly Operation[],
  downgrade: readonly Operation[],
  date: Date,
): string {
  const names = renderedImports([...upgrade, ...downgrade]);
  const text = renderScript(DEFAULT_TS_TEMPLATE, "ts", {
    header,
    createDate: date,
    imports:
      names.length === 0
        ? 'import type { Operations } from "@mig/core";'
        : `import { type Operations, ${names.join(", ")} } from "@mig/core";`,
    upgrades: body(renderOperations(upgrade)),
    downgrades: body(renderOperations(downgrade)),
  });
  const list = `[${(header.replaces ?? []).map((id) => JSON.stringify(id)).join(", ")}]`;
  return text.replace(
    /^(export const dependsOn\b.*\n)/m,
    `$1// The revisions this one replaced (mig squash); their scripts are in ${SQUASHED_DIR}/.\nexport const replaces: readonly string[] = ${list};\n`,
  );
}

function body(lines: readonly string[]): string[] {
  return lines.length > 0 ? [...lines] : ["// nothing to do"];
}
