/**
 * `pg_dump --schema-only` text cut into its objects (the `-- Name: ...; Type: ...` blocks)
 * and kept only where mig models the object: the tables asked for, their columns'
 * defaults, constraints, indexes, comments and owned sequences, and enum types.
 * Left out, on both sides alike: views, materialized views, functions, aggregates,
 * triggers, domains, extensions, schemas, sequences no column owns, partitions (and the
 * partitioned tables), rules, policies, the session `SET` lines, and `CLUSTER ON` (a
 * table's physical order, which mig does not model).
 */
const KEPT_TYPES = new Set([
  "TABLE",
  "CONSTRAINT",
  "FK CONSTRAINT",
  "INDEX",
  "COMMENT",
  "DEFAULT",
  "SEQUENCE",
  "SEQUENCE OWNED BY",
  "TYPE",
]);

const NAME = String.raw`(?:"(?:[^"]|"")+"|[\w$]+)`;
const QUALIFIED = String.raw`(${NAME})\.(${NAME})`;

/** pg_dump's session settings, its per-dump `\restrict` key, and CLUSTER ON: not modelled. */
const SESSION_LINE =
  /^(--$|SET |SELECT pg_catalog\.set_config|\\(un)?restrict |ALTER TABLE \S+ CLUSTER ON )/;

interface Block {
  readonly header: string;
  readonly type: string;
  readonly body: string;
}

export function pgDumpObjects(
  dump: string,
  tables: readonly string[],
): Record<string, readonly string[]> {
  const wanted = new Set(tables);
  const blocks = splitBlocks(dump).filter((b) => KEPT_TYPES.has(b.type));
  const ownedSequences = new Set<string>();
  for (const b of blocks) {
    const owned = new RegExp(String.raw`^ALTER SEQUENCE ${QUALIFIED} OWNED BY ${QUALIFIED}\.`).exec(
      b.body,
    );
    if (owned && wanted.has(`${unquote(String(owned[3]))}.${unquote(String(owned[4]))}`)) {
      ownedSequences.add(`${unquote(String(owned[1]))}.${unquote(String(owned[2]))}`);
    }
  }
  const out: Record<string, string> = {};
  for (const b of blocks) {
    const keep =
      b.type === "TYPE"
        ? /\bAS ENUM\b/.test(b.body)
        : b.type === "SEQUENCE" && /^CREATE SEQUENCE/.test(b.body)
          ? ownedSequences.has(firstQualified(b.body) ?? "")
          : wanted.has(tableOf(b) ?? "");
    if (!keep) continue;
    const key = `${b.type}: ${b.header}`;
    out[key] = out[key] === undefined ? b.body : `${out[key]}\n${b.body}`;
  }
  return Object.fromEntries(
    Object.entries(out)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, body]) => [key, body.split("\n")]),
  );
}

function splitBlocks(dump: string): Block[] {
  const parts = dump.split(/^--\n-- (?=(?:Data for )?Name: )/m).slice(1);
  const blocks: Block[] = [];
  for (const part of parts) {
    const [headerLine = "", ...rest] = part.split("\n");
    const m = /^Name: (.*); Type: ([^;]+); Schema: ([^;]*);/.exec(headerLine);
    if (!m) continue;
    const body = rest
      .filter((line) => !SESSION_LINE.test(line))
      .join("\n")
      .replace(/^--.*$/gm, "")
      .trim();
    blocks.push({ header: `${m[3]}.${m[1]}`, type: m[2] as string, body });
  }
  return blocks;
}

/** The `schema.table` an object belongs to, read from its statement. */
function tableOf(b: Block): string | undefined {
  const patterns: Record<string, RegExp> = {
    TABLE: new RegExp(`^CREATE (?:UNLOGGED )?TABLE ${QUALIFIED}`),
    INDEX: new RegExp(String.raw`^CREATE (?:UNIQUE )?INDEX \S+ ON (?:ONLY )?${QUALIFIED}`),
    CONSTRAINT: new RegExp(`^ALTER TABLE (?:ONLY )?${QUALIFIED}`),
    "FK CONSTRAINT": new RegExp(`^ALTER TABLE (?:ONLY )?${QUALIFIED}`),
    DEFAULT: new RegExp(`^ALTER TABLE (?:ONLY )?${QUALIFIED}`),
    SEQUENCE: new RegExp(`^ALTER TABLE (?:ONLY )?${QUALIFIED}`),
    "SEQUENCE OWNED BY": new RegExp(String.raw`OWNED BY ${QUALIFIED}\.`),
    COMMENT: new RegExp(
      String.raw`^COMMENT ON (?:TABLE ${QUALIFIED}|COLUMN ${QUALIFIED}\.${NAME})`,
    ),
  };
  const m = patterns[b.type]?.exec(b.body);
  if (!m) return undefined;
  const [schema, name] = m.slice(1).filter((g) => g !== undefined);
  return schema === undefined || name === undefined
    ? undefined
    : `${unquote(schema)}.${unquote(name)}`;
}

function firstQualified(body: string): string | undefined {
  const m = new RegExp(QUALIFIED).exec(body);
  return m ? `${unquote(m[1] as string)}.${unquote(m[2] as string)}` : undefined;
}

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}
