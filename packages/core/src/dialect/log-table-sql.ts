import type { QualifiedName } from "../connection/qualified-name.js";
import type {
  BoundRow,
  LogColumnTypes,
  LogRowStatements,
  LogRunValues,
  LogTableSql,
  LogTime,
} from "./log-table-types.js";

export type {
  BoundRow,
  LogColumnTypes,
  LogRowStatements,
  LogRowValues,
  LogRunValues,
  LogStepValues,
  LogTableSql,
  LogTime,
} from "./log-table-types.js";

/** The columns an insert may name, in order (`db_user` last, from the database). */
const INSERT_COLUMNS = [
  "revision",
  "direction",
  "checksum",
  "started_at",
  "finished_at",
  "duration_ms",
  "success",
  "error_code",
  "error_message",
  "statements_done",
  "statements_checksum",
  "resumed_from",
  "mig_version",
  "tag",
  "host",
  "db_user",
];

/** The own values of a successful row `insertBound` binds, in order: not those it leaves NULL. */
const LEFT_NULL = ["error_code", "error_message", "statements_checksum"];
const SUCCESS_COLUMNS = INSERT_COLUMNS.slice(0, 12).filter((c) => !LEFT_NULL.includes(c));

/** What `finish` sets, in order. */
const FINISH_COLUMNS = [
  "finished_at",
  "duration_ms",
  "success",
  "error_code",
  "error_message",
  "statements_done",
  "statements_checksum",
];

/** Builds a dialect's `LogTableSql` from its quoting, literals and column types. */
export function logTableSql(
  d: {
    qualify(t: QualifiedName): string;
    quoteIdentifier(name: string): string;
    literal(value: unknown): string;
    readonly placeholder?: "?" | "$n";
  },
  types: LogColumnTypes,
  currentUser: string,
  createSuffix = "",
): LogTableSql {
  const q = (name: string) => d.quoteIdentifier(name);
  const time = (t: LogTime) => (t === "now" ? types.now : d.literal(t));
  const NULL = d.literal(null);
  const TRUE = d.literal(true);
  const FALSE = d.literal(false);
  const num = (n: number | null) => (n === null ? NULL : d.literal(n));
  const str = (s: string | null) => (s === null ? NULL : d.literal(s));
  // A duration is stored in whole milliseconds.
  const wholeMs = (ms: number | null) => (ms === null ? null : Math.round(ms));
  // `finish`: strings joined by `+`, no array per row: the SQL is byte for byte what a
  // list of (column, value) pairs joined with ", " gives.
  const forRun = (t: QualifiedName, run: LogRunValues): LogRowStatements => {
    const table = d.qualify(t);
    const into = `INSERT INTO ${table} (`;
    const own = INSERT_COLUMNS.slice(0, 12).map(q);
    const namesOf = new Map<number, string>();
    const set = FINISH_COLUMNS.map((c) => `${q(c)} = `);
    const update = `UPDATE ${table} SET ${set[0]}`;
    const restart = `UPDATE ${table} SET ${q("started_at")} = `;
    const newest = ` ORDER BY ${q("id")} DESC LIMIT 1`;
    const limit = types.finishNewest === "limit";
    const where = [
      `${limit ? "" : ` WHERE ${q("id")} = (SELECT ${q("id")} FROM ${table}`} WHERE ${q("revision")} = `,
      ` AND ${q("direction")} = `,
      ` AND ${q("started_at")} = `,
      ` AND ${q("finished_at")} IS NULL${newest}${limit ? "" : ")"}`,
    ];
    // A successful row's own values, bound; the columns it leaves NULL are left out, so
    // the text SQLite parses again after each step's DDL (a schema change) is shorter.
    const bound = SUCCESS_COLUMNS.map(q);
    const marks = bound.map((_, i) => (d.placeholder === "$n" ? `$${i + 1}` : "?"));
    const shared: [string, string][] = [
      ["mig_version", d.literal(run.migVersion)],
      ["tag", str(run.tag)],
      ["host", d.literal(run.host)],
      ["db_user", currentUser],
    ];
    let sharedNames = "";
    let sharedValues = "";
    for (const [column, value] of shared) {
      if (value === NULL) continue;
      bound.push(q(column));
      marks.push(value);
      sharedNames += `, ${q(column)}`;
      sharedValues += `, ${value}`;
    }
    const namesEnd = `${sharedNames}) VALUES (`;
    const insertBound: BoundRow = {
      sql: `INSERT INTO ${table} (${bound.join(", ")}) VALUES (${marks.join(", ")})`,
      params: (r) => [
        r.revision,
        r.direction,
        r.checksum,
        r.startedAt,
        r.finishedAt,
        wholeMs(r.durationMs),
        r.success,
        r.statementsDone,
        r.resumedFrom,
      ],
    };
    // A done offline row's columns: with and without a checksum (a stamp has none).
    const doneMask = 1 | 2 | (1 << 3) | (1 << 4) | (1 << 6) | (1 << 9);
    const namesFor = (filled: number) => own.filter((_, i) => (filled & (1 << i)) !== 0).join(", ");
    const doneWith = `${into}${namesFor(doneMask | 4)}${namesEnd}`;
    const doneWithout = `${into}${namesFor(doneMask)}${namesEnd}`;
    const doneNow = `, ${time("now")}, ${time("now")}, ${TRUE}, `;
    return {
      insertBound,
      insertDone: (revision, direction, checksum, statementsDone) => {
        const sum = str(checksum);
        const head = sum === NULL ? doneWithout : doneWith;
        const values = `${d.literal(revision)}, ${d.literal(direction)}${sum === NULL ? "" : `, ${sum}`}`;
        return `${head}${values}${doneNow}${num(statementsDone)}${sharedValues})`;
      },
      // Only the columns the row fills: the rest are NULL anyway, and offline output (a row
      // per step) is a third shorter without them. `revision` and `direction` are never NULL.
      insert: (r) => {
        const values = [
          d.literal(r.revision),
          d.literal(r.direction),
          str(r.checksum),
          time(r.startedAt),
          time(r.finishedAt),
          num(wholeMs(r.durationMs)),
          r.success ? TRUE : FALSE,
          str(r.errorCode),
          str(r.errorMessage),
          num(r.statementsDone),
          str(r.statementsChecksum),
          num(r.resumedFrom),
        ];
        // The list of the columns filled, by which are: made once per set (a run's rows share
        // one or two), not joined again for every row.
        let list = values[0]!;
        let filled = 1;
        for (let i = 1; i < values.length; i++) {
          const value = values[i]!;
          if (value === NULL) continue;
          filled |= 1 << i;
          list += `, ${value}`;
        }
        let names = namesOf.get(filled);
        if (names === undefined) {
          names = namesFor(filled);
          namesOf.set(filled, names);
        }
        return `${into}${names}${namesEnd}${list}${sharedValues})`;
      },
      finish: (r) =>
        (r.openedAt === undefined ? update : `${restart}${time(r.startedAt)}, ${set[0]}`) +
        time(r.finishedAt) +
        `, ${set[1]}` +
        num(wholeMs(r.durationMs)) +
        `, ${set[2]}` +
        (r.success ? TRUE : FALSE) +
        `, ${set[3]}` +
        str(r.errorCode) +
        `, ${set[4]}` +
        str(r.errorMessage) +
        `, ${set[5]}` +
        num(r.statementsDone) +
        `, ${set[6]}` +
        str(r.statementsChecksum) +
        where[0] +
        d.literal(r.revision) +
        where[1] +
        d.literal(r.direction) +
        where[2] +
        time(r.openedAt === undefined ? r.startedAt : r.openedAt) +
        where[3],
    };
  };
  return {
    create: (t) =>
      `CREATE TABLE ${d.qualify(t)} (${q("id")} ${types.id}, ${q("revision")} VARCHAR(255) NOT NULL, ${q("direction")} VARCHAR(8) NOT NULL, ${q("checksum")} VARCHAR(64), ${q("started_at")} ${types.timestamp} NOT NULL, ${q("finished_at")} ${types.timestamp}, ${q("duration_ms")} INTEGER, ${q("success")} ${types.boolean} NOT NULL, ${q("error_code")} VARCHAR(64), ${q("error_message")} ${types.text}, ${q("statements_done")} INTEGER, ${q("statements_checksum")} VARCHAR(64), ${q("resumed_from")} INTEGER, ${q("mig_version")} VARCHAR(32) NOT NULL, ${q("tag")} VARCHAR(255), ${q("host")} VARCHAR(255) NOT NULL, ${q("db_user")} VARCHAR(255))${createSuffix}`,
    insert: (t, r) => forRun(t, r).insert(r),
    finish: (t, r) => forRun(t, r).finish(r),
    forRun,
    select: (t, limit) =>
      `SELECT * FROM ${d.qualify(t)} ORDER BY ${q("id")} DESC${limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(limit))}`}`,
    selectApplied: (t) =>
      `SELECT ${["revision", "direction", "checksum", "started_at"].map(q).join(", ")} FROM ${d.qualify(t)} WHERE ${q("success")} = ${d.literal(true)} AND ${q("direction")} IN ('up', 'down', 'stamp') ORDER BY ${q("id")} DESC`,
    selectHalfApplied: (t) =>
      `SELECT ${["id", "revision", "direction", "started_at", "finished_at", "success", "statements_done", "statements_checksum"].map(q).join(", ")} FROM ${d.qualify(t)} WHERE ${q("revision")} IN (SELECT ${q("revision")} FROM ${d.qualify(t)} WHERE (${q("statements_checksum")} IS NOT NULL AND ${q("success")} = ${d.literal(false)}) OR ${q("finished_at")} IS NULL) ORDER BY ${q("id")} DESC`,
    currentUser: () => currentUser,
  };
}
