import type { FleetTarget } from "../config/fleet-target.js";
import { openProject, type Project, type ProjectOptions } from "../config/project.js";
import { type DatabaseUrl, parseDatabaseUrl } from "../connection/database-url.js";
import { MigError } from "../errors/mig-error.js";
import { ChecksumCache } from "../script/checksum-cache.js";
import type { TargetInfo } from "./fleet-types.js";

/** A target ready to run: its project (shared settings, scripts and graph) and its URL. */
export interface FleetMember {
  readonly target: FleetTarget;
  readonly info: TargetInfo;
  readonly url: DatabaseUrl;
  readonly project: Project;
}

/**
 * Opens the project once per distinct config (the top level, or a `databases` entry) and
 * derives each target's from it: its URL, and with a `schema` the version table's and the
 * log's schema and the schema the session searches. Throws a usage error for a target
 * without a URL before anything runs.
 */
export async function openMembers(
  targets: readonly FleetTarget[],
  options: ProjectOptions,
): Promise<FleetMember[]> {
  const { name: _name, ...shared } = options;
  const opened = new Map<string, Promise<Project>>();
  const members: FleetMember[] = [];
  for (const target of targets) {
    const key = target.database ?? "";
    let project = opened.get(key);
    if (!project) {
      project = openProject({ ...shared, name: target.database }).then((p) => ({
        ...p,
        checksums: new ChecksumCache(p.locations),
      }));
      opened.set(key, project);
    }
    members.push(memberOf(await project, target));
  }
  return members;
}

function memberOf(base: Project, target: FleetTarget): FleetMember {
  const raw = target.url ?? base.url;
  if (!raw) {
    throw new MigError("no_url", `Target '${target.name}' has no database URL.`, {
      usage: true,
      hint: "Give the target a url, or set `url` in mig.config (or DATABASE_URL).",
    });
  }
  const url = parseDatabaseUrl(raw);
  const schema = target.schema;
  const project: Project = {
    ...base,
    url: raw,
    dotenvFile: target.url === undefined ? base.dotenvFile : undefined,
    ...(schema === undefined
      ? {}
      : {
          // The log follows through its default (logTableSchema unset: the version table's).
          config: { ...base.config, versionTableSchema: schema },
          versionTable: { ...base.versionTable, schema },
          targetSchema: schema,
        }),
  };
  const info: TargetInfo = {
    name: target.name,
    url: url.masked,
    ...(schema === undefined ? {} : { schema }),
  };
  return { target, info, url, project };
}
