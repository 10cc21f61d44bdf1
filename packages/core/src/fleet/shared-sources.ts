import type { Project } from "../config/project.js";
import type { ConnectionSource } from "../connection/connection.js";
import { projectDialect } from "../runtime/session.js";
import type { FleetMember } from "./fleet-members.js";

interface Entry {
  source: Promise<ConnectionSource> | undefined;
  /** Targets still to finish on it: closed when none is left. */
  left: number;
}

/**
 * One connection source (pool) per distinct URL, shared by the targets on it (200 schemas of
 * one PostgreSQL database open one pool, not 200). Each target still takes one connection
 * at a time; the session resets its schema before giving it back. A config's own `connect`
 * is left alone, and so is a single-connection database (SQLite hands every caller the same
 * connection: two targets on one file must each open their own, and wait for its lock).
 */
export class SharedSources {
  readonly #entries = new Map<string, Entry>();

  constructor(members: readonly FleetMember[]) {
    for (const m of members) {
      if (!shareable(m)) continue;
      const key = keyOf(m.project);
      const entry = this.#entries.get(key) ?? { source: undefined, left: 0 };
      entry.left++;
      this.#entries.set(key, entry);
    }
  }

  /** The member's project, connecting through the shared source. */
  projectFor(member: FleetMember): Project {
    const project = member.project;
    if (!shareable(member)) return project;
    const entry = this.#entries.get(keyOf(project))!;
    const connect = async (): Promise<ConnectionSource> => {
      entry.source ??= open(project);
      const source = await entry.source;
      // The session closes its source after each command: the fleet closes this one.
      return { acquire: () => source.acquire(), close: async () => {} };
    };
    return { ...project, config: { ...project.config, connect } };
  }

  /** A target is finished (or skipped): the last one on a source closes it. */
  async done(member: FleetMember): Promise<void> {
    if (!shareable(member)) return;
    const entry = this.#entries.get(keyOf(member.project))!;
    if (--entry.left > 0) return;
    await close(entry);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#entries.values()].map(close));
  }
}

/** Ours to open, and on a dialect whose sessions are independent (a pool). */
function shareable({ project, url }: FleetMember): boolean {
  if (project.config.connect) return false;
  const dialect = project.config.dialects?.find((d) => d.schemes.includes(url.scheme));
  return dialect?.capabilities.multipleConnections === true;
}

async function close(entry: Entry): Promise<void> {
  const source = entry.source;
  entry.source = undefined;
  if (source) await (await source.catch(() => undefined))?.close().catch(() => undefined);
}

async function open(project: Project): Promise<ConnectionSource> {
  const { dialect, url } = await projectDialect(project);
  return dialect.connect(url, { pool: project.config.pool ?? {}, cwd: project.dir });
}

/** Same URL, same base directory (relative SQLite paths) and pool settings: one source. */
function keyOf(project: Project): string {
  return `${project.dir}\0${JSON.stringify(project.config.pool ?? {})}\0${project.url}`;
}
