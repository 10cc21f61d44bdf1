import type { Project } from "../config/project.js";
import type { Connection } from "../connection/connection.js";
import { type DatabaseUrl, maskSecrets, parseDatabaseUrl } from "../connection/database-url.js";
import type { Dialect } from "../dialect/dialect.js";
import { resolveDialect } from "../dialect/resolve-dialect.js";
import { isMigError, MigError } from "../errors/mig-error.js";
import { acquireLock, invalidLockTimeout } from "./acquire-lock.js";
import type { LockWait, RunEvents } from "./run-events.js";
import { type SqlLog, sqlLogFor } from "./sql-log.js";

export interface Session {
  readonly dialect: Dialect;
  readonly url: DatabaseUrl;
  readonly connection: Connection;
}

export function requireUrl(project: Project): DatabaseUrl {
  if (!project.url) {
    throw new MigError("no_url", "No database URL is configured.", {
      usage: true,
      hint: "Set `url` in mig.config, or DATABASE_URL (in the environment or .env), or pass --url.",
    });
  }
  return parseDatabaseUrl(project.url);
}

/** The dialect for the project's URL, without connecting (offline runs need only this). */
export async function projectDialect(
  project: Project,
): Promise<{ dialect: Dialect; url: DatabaseUrl }> {
  const url = requireUrl(project);
  const dialect = await resolveDialect(url, {
    dialects: project.config.dialects ?? [],
    projectDir: project.dir,
  });
  return { dialect, url };
}

/** `versionTableSchema` / `logTableSchema` on a database without schemas: refused plainly. */
export function assertSchemaSupport(project: Project, dialect: Dialect): void {
  const { versionTableSchema, logTableSchema } = project.config;
  const schema = versionTableSchema ?? logTableSchema;
  if (schema === undefined || dialect.capabilities.supportsSchemas) return;
  const key = versionTableSchema !== undefined ? "versionTableSchema" : "logTableSchema";
  throw new MigError(
    "schemas_unsupported",
    `${key} is "${schema}", but the ${dialect.name} dialect has no schemas.`,
    { usage: true, hint: `Leave ${key} out of mig.config for this database.` },
  );
}

export interface SessionOptions {
  /** Hold the migration lock for the whole callback. */
  readonly lock?: boolean | undefined;
  /** Seconds to wait for the lock. */
  readonly lockTimeout?: number | undefined;
  /** Told which database is used (`onDatabase`) before connecting. */
  readonly events?: RunEvents | undefined;
  /** Told once when another run holds the lock and this one starts waiting. */
  readonly onLockWait?: ((wait: LockWait) => void) | undefined;
  /** false: a database that does not exist is not created (ConnectOptions.create). */
  readonly create?: boolean | undefined;
}

/**
 * Opens one connection for the command, takes the lock if asked, and closes everything
 * afterwards, success or failure. Errors never carry the URL's password.
 */
export async function withSession<T>(
  project: Project,
  options: SessionOptions,
  fn: (session: Session) => Promise<T>,
): Promise<T> {
  const lockTimeout = options.lockTimeout;
  if (lockTimeout !== undefined && !(typeof lockTimeout === "number" && lockTimeout >= 0)) {
    throw invalidLockTimeout(String(lockTimeout));
  }
  const { dialect, url } = await projectDialect(project);
  assertSchemaSupport(project, dialect);
  options.events?.onDatabase?.({
    url: url.masked,
    dialect: dialect.name,
    dotenvFile: project.dotenvFile,
    note: dialect.urlNote?.(url, project.dir, options.create !== false),
  });
  try {
    const source = project.config.connect
      ? await project.config.connect(project.url)
      : await dialect.connect(url, {
          pool: project.config.pool ?? {},
          cwd: project.dir,
          ...(options.create === false ? { create: false } : {}),
        });
    try {
      const connection = await source.acquire();
      // Schema-per-tenant: the connection searches only the target's schema until restored.
      const restore = project.targetSchema
        ? await dialect.useSchema(connection, project.targetSchema).catch(async (error) => {
            await connection.release().catch(() => undefined);
            throw error;
          })
        : undefined;
      try {
        if (!options.lock) return await fn({ dialect, url, connection });
        const seconds = options.lockTimeout ?? project.config.lockTimeout ?? 60;
        const onLockWait = options.onLockWait;
        const timeoutMs = seconds * 1000;
        const lock = await acquireLock(dialect, connection, {
          table: project.versionTable,
          timeoutMs,
          ...(onLockWait ? { onWait: (holder: string) => onLockWait({ holder, timeoutMs }) } : {}),
        });
        let result: T;
        try {
          result = await fn({ dialect, url, connection });
        } catch (error) {
          await lock.release().catch(() => undefined);
          throw error;
        }
        await lock.release().catch((error: unknown) => {
          // Another run took the lock over while this one worked (a stale-lock rule): what
          // ran may have overlapped with it, and the user must hear of it.
          if (isMigError(error) && error.code === "lock_lost") throw error;
        });
        return result;
      } finally {
        // Restored before it goes back, so a shared pool's next user sees its own schema.
        if (restore) await restore().catch(() => undefined);
        await connection.release().catch(() => undefined);
      }
    } finally {
      await source.close().catch(() => undefined);
    }
  } catch (error) {
    throw masked(error, url);
  }
}

/** Rewrites an error's text so no password from the URL survives in it. */
function masked(error: unknown, url: DatabaseUrl): unknown {
  if (error instanceof Error) {
    error.message = maskSecrets(error.message, url);
    if (error.stack) error.stack = maskSecrets(error.stack, url);
    if (isMigError(error) && error.hint)
      (error as { hint: string | undefined }).hint = maskSecrets(error.hint, url);
  }
  return error;
}

/** The `logSql` statement log for a session, with the URL's password masked out. */
export function sessionSqlLog(project: Project, session: Session): SqlLog | undefined {
  return sqlLogFor(project.config, (text) => maskSecrets(text, session.url));
}
