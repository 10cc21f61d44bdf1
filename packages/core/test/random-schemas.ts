import type {
  ColumnSnapshot,
  IndexSnapshot,
  SchemaSnapshot,
  TableSnapshot,
} from "../src/schema/schema-snapshot.js";
import { col, idx, snap, tbl } from "./schema-fixtures.js";

/** A small seeded generator (mulberry32), so a failing seed can be replayed. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
  };
}
type Random = ReturnType<typeof random>;

const TABLES = ["t0", "t1", "t2", "t3", "t4"];
const COLUMNS = ["c0", "c1", "c2", "c3"];
const TYPES = [
  "integer",
  "bigint",
  "text",
  "character varying(50)",
  "character varying(255)",
  "boolean",
  "mood",
];
const DEFAULTS = [null, null, "0", "'x'::text"];
const MOODS = [["a"], ["a", "b"], ["a", "b", "c"], ["b", "c"]];

function randomColumn(r: Random, name: string): ColumnSnapshot {
  const identity = r.chance(0.08);
  return col(name, r.pick(TYPES), {
    nullable: identity ? false : r.chance(0.6),
    default: identity ? null : r.pick(DEFAULTS),
    comment: r.chance(0.2) ? "note" : null,
    collation: r.chance(0.1) ? "C" : null,
    ...(identity ? { identity: "always" as const, autoincrement: true } : {}),
    ...(r.chance(0.05) ? { generated: { expression: "(id * 2)", stored: true } } : {}),
  });
}

function randomIndex(r: Random, table: string, columns: readonly string[]): IndexSnapshot {
  const c = r.pick(columns);
  return {
    ...idx(`${table}_${c}_idx`, [c], r.chance(0.3)),
    where: r.chance(0.2) ? `(${c} IS NOT NULL)` : null,
  };
}

function randomTable(r: Random, name: string): TableSnapshot {
  const columns = [
    col("id", "integer", { nullable: false }),
    ...COLUMNS.filter(() => r.chance(0.6)).map((c) => randomColumn(r, c)),
  ];
  const names = columns.map((c) => c.name);
  const some = (p: number) => names.filter((c) => c !== "id" && r.chance(p));
  return tbl(name, columns, {
    comment: r.chance(0.2) ? `about ${name}` : null,
    primaryKey: r.chance(0.85)
      ? { name: `${name}_pkey`, columns: r.chance(0.1) && names[1] ? ["id", names[1]] : ["id"] }
      : null,
    uniques: some(0.2).map((c) => ({ name: `${name}_${c}_key`, columns: [c] })),
    checks: some(0.15).map((c) => ({ name: `${name}_${c}_check`, expression: `(${c} > 0)` })),
    indexes: r.chance(0.4) ? [randomIndex(r, name, names)] : [],
    foreignKeys: some(0.3).map((c) => ({
      name: `${name}_${c}_fkey`,
      columns: [c],
      referencedTable: r.pick(TABLES),
      referencedColumns: ["id"],
      onDelete: r.pick(["no action", "cascade"]),
      onUpdate: "no action",
    })),
  });
}

/** A random schema: some of five tables, each with some of four columns and constraints. */
export function randomSchema(r: Random): SchemaSnapshot {
  return repair(snap(TABLES.filter(() => r.chance(0.7)).map((t) => randomTable(r, t))), r);
}

/** `s` with a few random edits: tables, columns, attributes, constraints, enum values. */
export function mutate(s: SchemaSnapshot, r: Random): SchemaSnapshot {
  const tables = new Map(s.tables.map((t) => [t.name, t]));
  for (const name of TABLES) {
    const t = tables.get(name);
    if (t === undefined) {
      if (r.chance(0.25)) tables.set(name, randomTable(r, name));
      continue;
    }
    if (r.chance(0.15)) {
      tables.delete(name);
      continue;
    }
    if (!r.chance(0.6)) continue;
    const fresh = randomTable(r, name);
    const columns = t.columns.flatMap((c) => {
      if (c.name === "id" || !r.chance(0.4)) return [c];
      if (r.chance(0.3)) return [];
      const other = randomColumn(r, c.name);
      return [
        {
          ...c,
          ...r.pick<Partial<ColumnSnapshot>>([
            { type: other.type },
            { nullable: !c.nullable },
            { default: other.default },
            { comment: other.comment },
            other,
          ]),
        },
      ];
    });
    for (const c of fresh.columns)
      if (!columns.some((x) => x.name === c.name) && r.chance(0.3)) columns.push(c);
    tables.set(name, {
      ...t,
      columns,
      comment: r.chance(0.2) ? fresh.comment : t.comment,
      primaryKey: r.chance(0.2) ? fresh.primaryKey : t.primaryKey,
      uniques: r.chance(0.3) ? fresh.uniques : t.uniques,
      checks: r.chance(0.3) ? fresh.checks : t.checks,
      indexes: r.chance(0.3) ? fresh.indexes : t.indexes,
      foreignKeys: r.chance(0.3) ? fresh.foreignKeys : t.foreignKeys,
    });
  }
  return repair(snap([...tables.values()]), r, s.enums[0]?.values);
}

export interface Renames {
  /** New table name to its previous one, and per new table name, new column to previous. */
  readonly tables: Record<string, { table?: string; columns?: Record<string, string> }>;
}

/**
 * `s` with some tables and columns renamed (the declaration says so with `renamedFrom`),
 * everything that names them following, as a server does.
 */
export function rename(s: SchemaSnapshot, r: Random): { schema: SchemaSnapshot; renames: Renames } {
  const renames: Renames["tables"] = {};
  const tableNames = new Map<string, string>();
  for (const t of s.tables) if (r.chance(0.15)) tableNames.set(t.name, `${t.name}_r`);
  const tables = s.tables.map((t) => {
    const name = tableNames.get(t.name) ?? t.name;
    const cols = new Map<string, string>();
    for (const c of t.columns)
      if (c.name !== "id" && r.chance(0.15)) cols.set(c.name, `${c.name}_r`);
    const col = (c: string) => cols.get(c) ?? c;
    const text = (x: string) =>
      [...cols].reduce((acc, [from, to]) => acc.replaceAll(`(${from} `, `(${to} `), x);
    if (name !== t.name || cols.size > 0) {
      renames[name] = {
        ...(name !== t.name ? { table: t.name } : {}),
        columns: Object.fromEntries([...cols].map(([from, to]) => [to, from])),
      };
    }
    return {
      ...t,
      name,
      columns: t.columns.map((c) => ({ ...c, name: col(c.name) })),
      primaryKey: t.primaryKey && { ...t.primaryKey, columns: t.primaryKey.columns.map(col) },
      uniques: t.uniques.map((u) => ({ ...u, columns: u.columns.map(col) })),
      checks: t.checks.map((c) => ({ ...c, expression: text(c.expression) })),
      indexes: t.indexes.map((i) => ({
        ...i,
        columns: i.columns.map(col),
        keys: i.keys.map((k) => ({ ...k, column: k.column === null ? null : col(k.column) })),
        where: i.where === null ? null : text(i.where),
      })),
      foreignKeys: t.foreignKeys.map((f) => ({
        ...f,
        columns: f.columns.map(col),
        referencedTable: tableNames.get(f.referencedTable) ?? f.referencedTable,
      })),
    };
  });
  return { schema: snap(tables, { enums: s.enums }), renames: { tables: renames } };
}

/** Drops what refers to something missing, as a server would refuse it; adds the enum. */
function repair(s: SchemaSnapshot, r: Random, moods?: readonly string[]): SchemaSnapshot {
  const keyed = s.tables.map((t) => {
    const all = (cols: readonly string[]) => cols.every((c) => t.columns.some((x) => x.name === c));
    return { ...t, primaryKey: t.primaryKey && all(t.primaryKey.columns) ? t.primaryKey : null };
  });
  const byName = new Map(keyed.map((t) => [t.name, t]));
  const tables = keyed.map((t) => {
    const has = (c: string) => t.columns.some((x) => x.name === c);
    const all = (cols: readonly string[]) => cols.every(has);
    return {
      ...t,
      uniques: t.uniques.filter((u) => all(u.columns)),
      checks: t.checks.filter((c) => t.columns.some((x) => c.expression.includes(`(${x.name} `))),
      indexes: t.indexes.filter((i) => all(i.columns)),
      foreignKeys: t.foreignKeys.filter((fk) => {
        const to = byName.get(fk.referencedTable);
        return all(fk.columns) && to?.primaryKey?.columns.join() === "id";
      }),
    };
  });
  const used = tables.some((t) => t.columns.some((c) => c.type === "mood"));
  const values = moods && !r.chance(0.3) ? moods : r.pick(MOODS);
  return snap(tables, { enums: used ? [{ name: "mood", values }] : [] });
}

/**
 * `s` with some unique, check and foreign key constraints unnamed, as SQLite reads them:
 * the comparator drops those by definition, under a made-up name.
 */
export function unnamed(s: SchemaSnapshot, r: Random): SchemaSnapshot {
  const strip = <T extends { name: string | null }>(c: T): T =>
    r.chance(0.3) ? { ...c, name: null } : c;
  return snap(
    s.tables.map((t) => ({
      ...t,
      uniques: t.uniques.map(strip),
      checks: t.checks.map(strip),
      foreignKeys: t.foreignKeys.map(strip),
    })),
    { enums: s.enums },
  );
}
