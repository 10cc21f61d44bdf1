// The log-row and version-row statements mig's runner sends for each step of `mig up`,
// rendered by mig's own built dialect (one row's values, the step's revision ids left as
// markers), so the `up` benchmark's raw-driver program sends what mig sends. up.mjs writes
// them to a file the raw program reads: the raw program itself loads no mig code.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO } from "./common.mjs";

/** Replaced by the step's revision id, and by the one it moves from. */
export const REV = "rev_marker_to";
export const FROM = "rev_marker_from";

/**
 * `createLog`: the applied log's table. `logInsert`: a finished step's row as text (sent
 * with the COMMIT where the connection sends them together). `logBound`: the same row as a
 * prepared statement and its parameters, where the dialect reuses prepared statements
 * (SQLite). `logOpen` / `logFinish`: the row written ahead, at the previous COMMIT, and
 * finished after the step (where the dialect cannot check the version row's count in SQL,
 * MySQL). `checkedUpdate`: the version UPDATE the server checks moved one row, where it can
 * (PostgreSQL). Timestamps, checksum and duration are one fixed value in every row.
 */
export async function migStatements(dialect) {
  const entry = pathToFileURL(join(REPO, "packages", dialect, "dist", "index.js")).href;
  const { createDialect } = await import(entry);
  const d = createDialect();
  const rows = d.logTable.forRun(
    { name: "mig_log" },
    { migVersion: "0.1.0", tag: null, host: "bench" },
  );
  const at = new Date(Date.UTC(2026, 0, 1));
  const row = { revision: REV, direction: "up", checksum: "0".repeat(64), startedAt: at };
  const none = { errorCode: null, errorMessage: null, statementsChecksum: null, resumedFrom: null };
  const done = { ...row, ...none, finishedAt: at, durationMs: 3, success: true, statementsDone: 1 };
  const open = {
    ...row,
    ...none,
    finishedAt: null,
    durationMs: null,
    success: false,
    statementsDone: null,
  };
  const versions = d.versionTable;
  const update = versions.update({ name: "mig_version" }, FROM, REV);
  const failure = `Expected one version row when updating '${FROM}' to '${REV}' in mig_version; found `;
  return {
    createLog: d.logTable.create({ name: "mig_log" }),
    logInsert: rows.insert(done),
    logBound: rows.insertBound && {
      sql: rows.insertBound.sql,
      params: rows.insertBound.params(done).map(asSqliteBinds),
    },
    logOpen: rows.insert(open),
    logFinish: rows.finish({ ...done, openedAt: at }),
    checkedUpdate: versions.expectOneRow?.(update, failure),
  };
}

/** A parameter as @mig/sqlite binds it (sqlite-driver.ts): dates as ISO text, booleans as 0/1. */
function asSqliteBinds(value) {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}
