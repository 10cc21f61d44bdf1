import type { FleetTarget } from "../config/fleet-target.js";
import type { ProjectOptions } from "../config/project.js";
import { validateTargets } from "../config/validate-targets.js";
import type { Dialect } from "../dialect/dialect.js";
import { MigError } from "../errors/mig-error.js";
import { projectDialect } from "../runtime/session.js";
import { type FleetMember, openMembers } from "./fleet-members.js";
import type { FleetOptions } from "./fleet-types.js";
import { selectedTargets, selectTargets } from "./resolve-targets.js";
import { fleetConcurrency } from "./run-fleet.js";

/**
 * Everything a fleet command checks before any target runs, so a whole-fleet mistake (bad
 * config, unknown target, bad concurrency) throws at once: the targets (given, else the
 * config's), narrowed to `select`, each with its project.
 */
export async function prepareFleet(
  targets: readonly FleetTarget[] | undefined,
  options: ProjectOptions & FleetOptions & { readonly sql?: boolean | undefined },
): Promise<FleetMember[]> {
  fleetConcurrency(options.concurrency);
  if (options.sql) {
    throw new MigError("fleet_offline", "A fleet run cannot write SQL (--sql).", {
      usage: true,
      hint: "Write one database's script at a time: `mig up --sql` (or `upgrade({ sql: true })`) with its URL.",
    });
  }
  const listed =
    targets === undefined
      ? await selectedTargets(options)
      : selectTargets(validateTargets(targets, "The fleet"), options.select);
  return pinDialects(await openMembers(listed, projectOptionsOf(options)));
}

/**
 * Resolves each distinct config's dialect for a URL scheme once and hands it to its targets'
 * projects (as the config's `dialects` would), so no target looks up the package again. A
 * `schema` on a database without schemas is the config's mistake: refused here, at once.
 */
async function pinDialects(members: readonly FleetMember[]): Promise<FleetMember[]> {
  const resolved = new Map<string, Promise<Dialect>>();
  const pinned: FleetMember[] = [];
  for (const member of members) {
    const { target, project, url } = member;
    const key = `${project.dir}\0${project.configFile}\0${target.database}\0${url.scheme}`;
    let found = resolved.get(key);
    if (!found) {
      found = projectDialect(project).then((d) => d.dialect);
      resolved.set(key, found);
    }
    const dialect = await found;
    if (target.schema !== undefined && !dialect.capabilities.supportsSchemas) {
      throw new MigError(
        "schema_targets_unsupported",
        `Target '${target.name}' names a schema ('${target.schema}'), but the ${dialect.name} dialect has no schemas.`,
        {
          usage: true,
          hint: "Give each target its own database URL (on SQLite, its own file) instead of a schema.",
        },
      );
    }
    const dialects = [dialect, ...(project.config.dialects ?? [])];
    pinned.push({ ...member, project: { ...project, config: { ...project.config, dialects } } });
  }
  return pinned;
}

/** The project's options out of a fleet command's: no fleet, run or event keys in the config. */
function projectOptionsOf(options: object): ProjectOptions {
  const {
    concurrency: _c,
    failFast: _f,
    select: _s,
    events: _e,
    signal: _g,
    target: _t,
    strict: _st,
    resume: _r,
    restart: _rs,
    sql: _q,
    output: _o,
    tag: _tag,
    ...rest
  } = options as Record<string, unknown>;
  return rest as ProjectOptions;
}
