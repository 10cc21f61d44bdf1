import { isAbsolute, resolve } from "node:path";
import { checkUrlParams, type DatabaseUrl, MigError, maskUrl } from "@mig/core/dialect";

/** The file name better-sqlite3 (and SQLite) read as a private in-memory database. */
export const MEMORY = ":memory:";

/**
 * Query parameters this dialect reads. Another tool's parameters are passed over (`uri`,
 * SQLAlchemy's flag for a `file:` name, among them); a name near one of these, or one of
 * SQLite's URI parameters that change how the file is opened, is an error.
 */
export const SQLITE_URL_PARAMS = ["timeout", "foreign_keys", "mode"] as const;

const NOT_OPENED_SO =
  "Remove it; mig opens the file with better-sqlite3, which does not take SQLite's URI parameters.";

const PARAM_RULES = {
  read: SQLITE_URL_PARAMS,
  others: ["uri", "cache", "check_same_thread"],
  refused: Object.fromEntries(
    ["immutable", "nolock", "vfs", "psow", "modeof"].map((name) => [name, NOT_OPENED_SO]),
  ),
};

/** Connection settings a URL's query can carry (`?timeout=5&foreign_keys=on&mode=ro`). */
export interface SqliteUrlSettings {
  /** `timeout`: seconds to wait on a locked database, as in SQLAlchemy's pysqlite. */
  readonly timeoutMs?: number;
  /** `foreign_keys=on|off`: `PRAGMA foreign_keys` for the connection. */
  readonly foreignKeys?: boolean;
  /** `mode=ro|rw|rwc`: read-only, must exist, or create if missing (the default). */
  readonly mode?: "ro" | "rw" | "rwc";
}

/** Where a SQLite URL points: an absolute file path or `:memory:`, and its settings. */
export interface SqliteTarget {
  readonly file: string;
  readonly settings: SqliteUrlSettings;
}

const FORMS =
  "Write sqlite:./app.db or sqlite:///app.db (relative), sqlite:////abs/app.db or file:///abs/app.db (absolute), or sqlite::memory:.";

/**
 * The database file a `sqlite:` or `file:` URL names, as an absolute path (relative paths
 * resolve against `cwd`), or `:memory:`.
 */
export function sqliteFilePath(url: string | DatabaseUrl, cwd: string = process.cwd()): string {
  return parseSqliteUrl(url, cwd).file;
}

export function parseSqliteUrl(
  url: string | DatabaseUrl,
  cwd: string = process.cwd(),
): SqliteTarget {
  const { scheme, rest, masked } = typeof url === "string" ? splitScheme(url) : url;
  const withoutFragment = rest.split("#", 1)[0]!;
  const q = withoutFragment.indexOf("?");
  const pathPart = q >= 0 ? withoutFragment.slice(0, q) : withoutFragment;
  const query = new URLSearchParams(q >= 0 ? withoutFragment.slice(q + 1) : "");
  checkUrlParams(query, PARAM_RULES, { masked, scheme });
  const file = filePath(scheme, pathPart, cwd, masked);
  return { file, settings: readSettings(query, masked) };
}

function filePath(scheme: string, pathPart: string, cwd: string, masked: string): string {
  // An SQLite URI filename inside a sqlite: URL (SQLAlchemy's `sqlite:///file::memory:?uri=true`)
  // is read as that file: URL, not as a file named "file::memory:".
  const inner = scheme === "sqlite" ? innerFileUri(pathPart) : undefined;
  if (inner !== undefined) return filePath("file", inner, cwd, masked);
  if (!pathPart.startsWith("//")) {
    // sqlite:./app.db, sqlite:app.db, sqlite:/abs/app.db, sqlite::memory:, file:app.db
    if (pathPart === MEMORY) return MEMORY;
    return toFile(decode(pathPart, masked), cwd, masked);
  }
  const slash = pathPart.indexOf("/", 2);
  const authority = slash >= 0 ? pathPart.slice(2, slash) : pathPart.slice(2);
  const path = slash >= 0 ? pathPart.slice(slash) : "";
  if (authority === MEMORY && path === "") return MEMORY;
  if (scheme === "file") {
    // RFC 8089, as SQLite's own URI filenames: file:///abs/app.db, file://localhost/abs/app.db.
    if (authority !== "" && authority.toLowerCase() !== "localhost") throw hostError(masked);
    return toFile(decode(windowsDrive(path), masked), cwd, masked);
  }
  // SQLAlchemy's rule: sqlite:// is in memory; after sqlite:/// comes the path as written,
  // so sqlite:///app.db is relative and sqlite:////abs/app.db absolute.
  if (authority !== "") throw hostError(masked);
  if (path === "") return MEMORY;
  const written = path.slice(1);
  if (written === MEMORY) return MEMORY;
  return toFile(decode(written, masked), cwd, masked);
}

/** What follows `file:` in `sqlite:file:...` or `sqlite:///file:...`, else undefined. */
function innerFileUri(pathPart: string): string | undefined {
  const written = pathPart.startsWith("///") ? pathPart.slice(3) : pathPart;
  return written.toLowerCase().startsWith("file:") ? written.slice(5) : undefined;
}

function toFile(path: string, cwd: string, masked: string): string {
  if (path === "") {
    throw new MigError("invalid_url", `The SQLite URL '${masked}' names no database file.`, {
      usage: true,
      hint: FORMS,
    });
  }
  return isAbsolute(path) ? resolve(path) : resolve(cwd, path);
}

/** `/C:/db/app.db` in a file URL is `C:/db/app.db` on Windows. */
function windowsDrive(path: string): string {
  return process.platform === "win32" && /^\/[a-zA-Z]:/.test(path) ? path.slice(1) : path;
}

function decode(text: string, masked: string): string {
  try {
    return decodeURIComponent(text);
  } catch (cause) {
    throw new MigError("invalid_url", `The SQLite URL '${masked}' has a malformed %-escape.`, {
      usage: true,
      hint: "Write a literal % in a file name as %25.",
      cause,
    });
  }
}

function hostError(masked: string): MigError {
  return new MigError(
    "invalid_url",
    `The SQLite URL '${masked}' names a host; SQLite databases are files.`,
    {
      usage: true,
      hint: FORMS,
    },
  );
}

function readSettings(query: URLSearchParams, masked: string): SqliteUrlSettings {
  const settings: { timeoutMs?: number; foreignKeys?: boolean; mode?: "ro" | "rw" | "rwc" } = {};
  const timeout = query.get("timeout");
  if (timeout !== null) {
    const seconds = Number(timeout);
    if (timeout.trim() === "" || !Number.isFinite(seconds) || seconds < 0) {
      throw badParam(masked, "timeout", timeout, "a number of seconds, e.g. ?timeout=5");
    }
    settings.timeoutMs = Math.round(seconds * 1000);
  }
  const fk = query.get("foreign_keys");
  if (fk !== null) {
    const flag = parseFlag(fk);
    if (flag === undefined) throw badParam(masked, "foreign_keys", fk, "on or off");
    settings.foreignKeys = flag;
  }
  const mode = query.get("mode");
  if (mode !== null) {
    if (mode !== "ro" && mode !== "rw" && mode !== "rwc")
      throw badParam(masked, "mode", mode, "ro, rw or rwc");
    settings.mode = mode;
  }
  return settings;
}

function parseFlag(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (["on", "true", "1", "yes"].includes(value)) return true;
  if (["off", "false", "0", "no"].includes(value)) return false;
  return undefined;
}

function badParam(masked: string, name: string, value: string, expected: string): MigError {
  return new MigError("invalid_url", `The SQLite URL '${masked}' has ${name}=${value}.`, {
    usage: true,
    hint: `Set ${name} to ${expected}.`,
  });
}

/** A string URL split without WHATWG parsing, which rejects `sqlite://:memory:`. */
function splitScheme(raw: string): { scheme: string; rest: string; masked: string } {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(raw.trim());
  if (!match) {
    throw new MigError("invalid_url", `The database URL '${maskUrl(raw)}' has no scheme.`, {
      usage: true,
      hint: FORMS,
    });
  }
  return { scheme: match[1]!.toLowerCase(), rest: match[2]!, masked: maskUrl(raw) };
}
