import type { OptionKeys } from "../config/option-keys.js";
import { openProject, PROJECT_KEYS, type ProjectOptions } from "../config/project.js";
import type { RunEvents } from "../runtime/run-events.js";
import type { SchemaDiff } from "../schema/schema-diff.js";
import { assertKnownOptions } from "./call-arguments.js";
import { compareProject } from "./compare-project.js";

export interface CheckOptions extends ProjectOptions {
  /** Told which database is used, before connecting. */
  readonly events?: RunEvents | undefined;
}

const CHECK_KEYS: OptionKeys<CheckOptions> = { ...PROJECT_KEYS, events: true };

/** The comparison `mig check` reports: `clean` when the database matches the schema. */
export interface CheckResult extends SchemaDiff {
  readonly clean: boolean;
}

/**
 * Compares the database (at its head revisions) with the project's schema module, as
 * `mig check` does; nothing is written anywhere.
 */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  assertKnownOptions("check", options, CHECK_KEYS, "check()");
  const { events, ...projectOptions } = options;
  const project = await openProject(projectOptions);
  const { diff } = await compareProject(project, events);
  return { ...diff, clean: diff.changes.length === 0 };
}
