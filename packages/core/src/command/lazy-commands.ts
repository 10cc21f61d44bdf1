import type { SchemaDiff } from "../schema/schema-diff.js";
import type { AutogenerateOptions, AutogenerateResult } from "./autogenerate.js";
import type { BaselineOptions, BaselineResult } from "./baseline.js";
import type { CheckOptions, CheckResult } from "./check.js";
import type { CompareDatabaseInput } from "./compare-database.js";
import type { PullOptions, PullResult } from "./pull.js";
import type { SquashOptions, SquashResult } from "./squash.js";

// The schema commands behind `import()`: the comparator, the renderers and introspection
// load only when one is called, so `import { upgrade } from "@mig/core"` at an app's
// start-up does not pay for them. Each wrapper has the signature and docs of its module.

/** See autogenerate.ts: writes a migration that makes the database match the schema module. */
export async function autogenerate(options: AutogenerateOptions): Promise<AutogenerateResult> {
  return (await import("./autogenerate.js")).autogenerate(options);
}

/** See baseline.ts: writes one revision creating the database's schema and stamps it. */
export async function baseline(options: BaselineOptions = {}): Promise<BaselineResult> {
  return (await import("./baseline.js")).baseline(options);
}

/** See check.ts: compares the database with the schema module, as `mig check` does. */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  return (await import("./check.js")).check(options);
}

/** See pull.ts: writes the schema module from the live database, as `mig pull` does. */
export async function pull(options: PullOptions = {}): Promise<PullResult> {
  return (await import("./pull.js")).pull(options);
}

/** See compare-database.ts: the database against a declared schema. */
export async function compareDatabase(input: CompareDatabaseInput): Promise<SchemaDiff> {
  return (await import("./compare-database.js")).compareDatabase(input);
}

/** See squash.ts: replaces a linear run of revisions with one script, as `mig squash` does. */
export async function squash(options: SquashOptions): Promise<SquashResult> {
  return (await import("./squash.js")).squash(options);
}
