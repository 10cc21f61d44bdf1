import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { OptionKeys } from "../config/option-keys.js";
import { openProject, PROJECT_KEYS, type Project, type ProjectOptions } from "../config/project.js";
import { MigError } from "../errors/mig-error.js";
import { assertNamedTarget } from "../revision/named-target.js";
import { BASE, getRevision, getRevisions } from "../revision/resolve.js";
import type { Revision } from "../revision/revision.js";
import { DuplicateRevisionError, MultipleHeadsError } from "../revision/revision-errors.js";
import type { RevisionHeader } from "../revision/revision-header.js";
import { ancestorSet } from "../revision/traversal.js";
import {
  DEFAULT_SQL_TEMPLATE,
  DEFAULT_TS_TEMPLATE,
  missingBodyPlaceholders,
  newRevisionId,
  type ScriptFormat,
  TEMPLATE_FILE_NAMES,
  writeScript,
} from "../script/index.js";
import { assertKnownOptions, assertOptionKinds } from "./call-arguments.js";
import { verifyNewBranchLabel, verifyNewRevisionId } from "./new-revision-names.js";

export interface RevisionOptions extends ProjectOptions {
  readonly message: string;
  /** What to base the new revision on: default `head`; `base` starts a new root. */
  readonly head?: string | undefined;
  /** Allow `head` to name a revision that is not a head (starts a branch there). */
  readonly splice?: boolean | undefined;
  readonly branchLabel?: string | readonly string[] | undefined;
  readonly dependsOn?: readonly string[] | undefined;
  readonly revId?: string | undefined;
  /** Which version location to write into. */
  readonly versionPath?: string | undefined;
  /** `sql` writes a `.sql` script; default is the template the project has. */
  readonly format?: ScriptFormat | undefined;
  readonly date?: Date | undefined;
}

const REVISION_KINDS = {
  message: ["string"],
  head: ["string"],
  splice: ["boolean"],
  branchLabel: ["string", "strings"],
  dependsOn: ["strings"],
  revId: ["string"],
  versionPath: ["string"],
  format: ["string"],
  date: ["date"],
} as const;
export const REVISION_KEYS: OptionKeys<RevisionOptions> = {
  ...PROJECT_KEYS,
  message: true,
  head: true,
  splice: true,
  branchLabel: true,
  dependsOn: true,
  revId: true,
  versionPath: true,
  format: true,
  date: true,
};
const MERGE_KINDS = {
  revisions: ["strings"],
  message: ["string"],
  branchLabel: ["string"],
  revId: ["string"],
  date: ["date"],
} as const;
const MERGE_KEYS: OptionKeys<MergeOptions> = {
  ...PROJECT_KEYS,
  revisions: true,
  message: true,
  branchLabel: true,
  revId: true,
  date: true,
};
const REVISION_EXAMPLE = 'revision({ message: "add users" })';
const MERGE_EXAMPLE = 'merge({ revisions: ["heads"] })';

export interface RevisionResult {
  readonly path: string;
  readonly header: RevisionHeader;
}

/** Writes a new migration script, as `mig revision -m` does. */
export async function revision(options: RevisionOptions): Promise<RevisionResult> {
  assertOptionKinds("revision", options, REVISION_KINDS, REVISION_EXAMPLE, ["message"]);
  assertKnownOptions("revision", options, REVISION_KEYS, REVISION_EXAMPLE);
  const project = await openProject(options);
  return writeRevision(project, options, revisionFields(project, options));
}

/** The new revision's header fields, checked against the graph (usage errors before any work). */
export function revisionFields(
  project: Project,
  options: RevisionOptions,
): Omit<RevisionHeader, "revision"> {
  const head = options.head ?? "head";
  assertNamedTarget("revision", head);
  for (const dep of options.dependsOn ?? []) assertNamedTarget("revision", dep);
  let parent: Revision | null;
  try {
    parent = head === "base" ? null : getRevision(project.map, head);
  } catch (error) {
    if (error instanceof MultipleHeadsError && head === "head") {
      throw new MigError("multiple_heads", `There are several heads (${error.heads.join(", ")}).`, {
        usage: true,
        hint: "Say which to build on with --head <rev>, or join them first with `mig merge heads`.",
      });
    }
    throw error;
  }
  if (parent && !project.map.heads.includes(parent.revision) && !options.splice) {
    throw new MigError("not_a_head", `Revision ${parent.revision} is not a head revision.`, {
      usage: true,
      hint: "Pass --splice to start a new branch from it, or use --head with a head revision.",
    });
  }
  const dependsOn = (options.dependsOn ?? []).map((dep) => {
    const rev = getRevision(project.map, dep);
    if (!rev)
      throw new MigError("usage", `--depends-on '${dep}' does not name a revision.`, {
        usage: true,
        hint: "Name a revision id or branch label.",
      });
    return rev.branchLabels.has(dep) ? dep : rev.revision;
  });
  const labels =
    typeof options.branchLabel === "string"
      ? [options.branchLabel]
      : [...(options.branchLabel ?? [])];
  return {
    downRevisions: parent ? [parent.revision] : [],
    branchLabels: labels,
    dependsOn,
    message: options.message,
  };
}

export interface MergeOptions extends ProjectOptions {
  /** Revisions to join; default `heads`. */
  readonly revisions?: readonly string[] | undefined;
  readonly message?: string | undefined;
  readonly branchLabel?: string | undefined;
  readonly revId?: string | undefined;
  readonly date?: Date | undefined;
}

/** Writes a merge revision whose down revisions are the given heads, as `mig merge` does. */
export async function merge(options: MergeOptions): Promise<RevisionResult> {
  assertOptionKinds("merge", options, MERGE_KINDS, MERGE_EXAMPLE);
  assertKnownOptions("merge", options, MERGE_KEYS, MERGE_EXAMPLE);
  const project = await openProject(options);
  const revs = getRevisions(project.map, [...(options.revisions ?? ["heads"])]).filter(
    (r): r is Revision => r !== null && r !== BASE,
  );
  const ids = [...new Set(revs.map((r) => r.revision))];
  if (ids.length < 2) {
    throw new MigError(
      "nothing_to_merge",
      `There is nothing to merge: ${ids.length === 1 ? `only ${ids[0]}` : "no revisions"}.`,
      {
        usage: true,
        hint: "Name two or more revisions, or run `mig heads` to see them.",
      },
    );
  }
  // A revision and its own ancestor have nothing to merge: the script would give the graph
  // a parent that is already an ancestor (overlapping_targets, naming both).
  ancestorSet(project.map, revs, { check: true });
  return writeRevision(project, options, {
    downRevisions: ids,
    branchLabels: options.branchLabel !== undefined ? [options.branchLabel] : [],
    dependsOn: [],
    message: options.message ?? `merge ${ids.join(", ")}`,
  });
}

/** What `writeRevision` needs besides the header: where, in which form, and the bodies. */
export interface WriteRevisionOptions {
  readonly revId?: string | undefined;
  readonly versionPath?: string | undefined;
  readonly format?: ScriptFormat | undefined;
  readonly date?: Date | undefined;
  /** `upgrade()`'s and `downgrade()`'s bodies (autogenerate); TS only. */
  readonly bodies?:
    | { readonly imports: string; readonly upgrades: string[]; readonly downgrades: string[] }
    | undefined;
}

/** Writes the script for a new revision into the project's version locations. */
export function writeRevision(
  project: Project,
  options: WriteRevisionOptions,
  fields: Omit<RevisionHeader, "revision">,
): RevisionResult {
  const id = options.revId ?? newRevisionId();
  // An id or label given on the command line that cannot be used is a usage error.
  verifyNewRevisionId(id);
  if (project.map.revisions.has(id)) throw new DuplicateRevisionError(id, [], { usage: true });
  for (const label of fields.branchLabels) {
    verifyNewBranchLabel(label);
    if (project.map.keys.has(label)) {
      throw new MigError(
        "duplicate_branch_label",
        `Branch label '${label}' is already used by revision ${project.map.keys.get(label)!.revision}.`,
        { usage: true, hint: "Choose another label." },
      );
    }
  }
  const header: RevisionHeader = { revision: id, ...fields };
  const directory = pickDirectory(project, options.versionPath, fields.downRevisions[0]);
  const { format, template } = pickTemplate(project, options.format);
  if (options.bodies) requireBodyPlaceholders(project);
  const path = writeScript({
    directory,
    ...(project.config.fileTemplate ? { fileTemplate: project.config.fileTemplate } : {}),
    ...(project.config.timezone ? { timezone: project.config.timezone } : {}),
    template,
    format,
    header,
    ...(options.date ? { date: options.date } : {}),
    ...(options.bodies
      ? {
          imports: options.bodies.imports,
          upgrades: options.bodies.upgrades,
          downgrades: options.bodies.downgrades,
        }
      : {}),
  });
  return { path, header };
}

/** Autogenerate fills `${imports}`, `${upgrades}`, `${downgrades}`: a template without them is refused up front. */
export function requireBodyPlaceholders(project: Project): void {
  const { template, file } = pickTemplate(project, "ts");
  const missing = missingBodyPlaceholders(template).map((name) => `\${${name}}`);
  if (missing.length === 0) return;
  throw new MigError(
    "template_without_bodies",
    `${file ?? "The script template"} has no ${missing.join(", ")} placeholder${missing.length === 1 ? "" : "s"}, so autogenerate cannot put the operations in.`,
    {
      usage: true,
      hint: `Put \${imports} where the template imports from @mig/core, \${upgrades} in upgrade()'s body and \${downgrades} in downgrade()'s (as the default template does), or delete the file to use the default.`,
    },
  );
}

function pickDirectory(
  project: Project,
  versionPath: string | undefined,
  parent: string | undefined,
): string {
  if (versionPath !== undefined) {
    const wanted = resolve(project.dir, versionPath);
    if (!project.locations.includes(wanted)) {
      throw new MigError(
        "usage",
        `--version-path ${versionPath} is not one of the version locations.`,
        {
          usage: true,
          hint: `Use one of: ${project.locations.join(", ")}.`,
        },
      );
    }
    return wanted;
  }
  // Like Alembic: next to the revision it builds on, else the first location.
  const parentScript = parent ? project.scriptsById.get(parent) : undefined;
  return parentScript ? dirname(parentScript.path) : project.locations[0]!;
}

function pickTemplate(
  project: Project,
  wanted: ScriptFormat | undefined,
): { format: ScriptFormat; template: string; file: string | undefined } {
  const find = (format: ScriptFormat) =>
    project.locations.map((loc) => join(loc, TEMPLATE_FILE_NAMES[format])).find(existsSync);
  const format: ScriptFormat =
    wanted ?? (find("ts") === undefined && find("sql") !== undefined ? "sql" : "ts");
  const file = find(format);
  const template = file
    ? readFileSync(file, "utf8")
    : format === "ts"
      ? DEFAULT_TS_TEMPLATE
      : DEFAULT_SQL_TEMPLATE;
  return { format, template, file: file && relative(project.dir, file) };
}
