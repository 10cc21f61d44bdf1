import { nameOf, tokenize } from "./sqlite-table-sql.js";

/**
 * SQL text with each quoted name of one of `columns` written bare when it needs no quotes:
 * `lower("c6")` becomes `lower(c6)`. SQLite's RENAME COLUMN quotes the new name in every
 * expression it rewrites, while the same expression declared by hand reads unquoted; both
 * must read the same for autogenerate. Only the table's own column names are touched, so
 * a double-quoted string (SQLite's fallback when no such column exists) keeps its quotes.
 */
export function bareColumnNames(text: string, columns: readonly string[]): string {
  const names = new Set(columns.map((c) => c.toLowerCase()));
  let out = "";
  let at = 0;
  for (const token of tokenize(text)) {
    if (token.kind !== "identifier") continue;
    const name = nameOf(token);
    if (!names.has(name.toLowerCase()) || !needsNoQuotes(name)) continue;
    out += text.slice(at, token.start) + name;
    at = token.end;
  }
  return out + text.slice(at);
}

function needsNoQuotes(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toUpperCase());
}

/** SQLite's keywords (sqlite.org/lang_keywords.html): a column named one keeps its quotes. */
const KEYWORDS = new Set(
  `ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE
  BEGIN BETWEEN BY CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE
  CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE
  DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE
  EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP GROUPS
  HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS
  ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL NULL
  NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY
  RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING
  RIGHT ROLLBACK ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION
  TRIGGER UNBOUNDED UNION UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW
  WITH WITHOUT TRUE FALSE ROWID OID _ROWID_ STORED STRICT`.split(/\s+/),
);
