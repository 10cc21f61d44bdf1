import type { DeclaredTable, DialectCapabilities, ReferentialAction } from "@mig/core";
import {
  declareModel,
  dropColumn,
  isForeignKeyColumn,
  isIndexable,
  type ModelColumn,
  type ModelSchema,
  type ModelTable,
  renameColumn,
  TYPE_KINDS,
  type TypeKind,
  usesColumn,
} from "./describe-autogenerate-model.js";

/** A pair of declared schemas, and the mutations that turned A into B (for the failure message). */
export interface SchemaPair {
  readonly a: DeclaredTable[];
  readonly b: DeclaredTable[];
  readonly mutations: readonly string[];
}

/** mulberry32: small, seedable, the same sequence on every platform. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIONS: readonly ReferentialAction[] = ["no action", "cascade", "set null", "restrict"];

/**
 * Random schemas A and B (B is A after one to four changes), within what every dialect can
 * do on empty tables and what `capabilities` allow; the same seed gives the same pair.
 */
export function schemaPair(seed: number, caps: DialectCapabilities, p: string): SchemaPair {
  const rnd = random(seed);
  const chance = (x: number) => rnd() < x;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  let names = 0;
  // Tables carry the case's prefix; what belongs to a table starts with the table's name.
  const name = (what: string) => `${what}${++names}`;

  const defaultFor = (kind: TypeKind): ModelColumn["default"] => {
    switch (TYPE_KINDS[kind].family) {
      case "int":
        return Math.floor(rnd() * 100);
      case "str":
        return `v${Math.floor(rnd() * 100)}`;
      case "bool":
        return chance(0.5);
      case "num":
        return pick([0, 1.5, 12.25]);
      case "date":
        return "2020-01-02";
      case "ts":
        return { sql: "CURRENT_TIMESTAMP" };
      default:
        return undefined;
    }
  };
  const column = (fromA: boolean): ModelColumn => {
    const kind = pick(Object.keys(TYPE_KINDS) as TypeKind[]);
    const nullable = chance(0.6);
    const c: ModelColumn = { name: name("c"), fromA, kind, nullable };
    if (chance(0.4) || !nullable) c.default = defaultFor(kind);
    if (caps.comments && chance(0.15)) c.comment = `column ${c.name}`;
    return c;
  };
  const plainColumns = (t: ModelTable) =>
    t.columns.filter((c) => c.name !== "id" && !isForeignKeyColumn(t, c.name));
  const indexable = (t: ModelTable) => plainColumns(t).filter((c) => isIndexable(c.kind));

  const addIndex = (t: ModelTable): string | undefined => {
    const cols = indexable(t);
    if (cols.length === 0) return undefined;
    const first = pick(cols);
    const ints = cols.filter((c) => TYPE_KINDS[c.kind].family === "int");
    const strs = cols.filter((c) => TYPE_KINDS[c.kind].family === "str");
    const idx = { name: name(`${t.name}_ix`), columns: [first.name], unique: chance(0.3) };
    if (caps.expressionIndexes && strs.length > 0 && chance(0.15)) {
      t.indexes.push({ ...idx, columns: [pick(strs).name], lower: true });
    } else if (caps.partialIndexes && ints.length > 0 && chance(0.2)) {
      t.indexes.push({ ...idx, whereColumn: pick(ints).name });
    } else {
      const second = pick(cols);
      if (second !== first && chance(0.4)) idx.columns.push(second.name);
      t.indexes.push(idx);
    }
    return idx.name;
  };
  const addUnique = (t: ModelTable): string | undefined => {
    // A second unique over the same column is redundant but legal: some schemas have one.
    const cols = indexable(t);
    if (cols.length === 0) return undefined;
    const u = { name: chance(0.7) ? name(`${t.name}_uq`) : undefined, columns: [pick(cols).name] };
    t.uniques.push(u);
    return u.name ?? "(unnamed)";
  };
  const addCheck = (t: ModelTable): string | undefined => {
    const cols = plainColumns(t).filter((c) => ["int", "num"].includes(TYPE_KINDS[c.kind].family));
    if (cols.length === 0) return undefined;
    const c = { name: chance(0.7) ? name(`${t.name}_ck`) : undefined, column: pick(cols).name };
    t.checks.push({ ...c, min: 0 });
    return c.name ?? "(unnamed)";
  };
  const addForeignKey = (t: ModelTable, tables: readonly ModelTable[]): string => {
    const target = chance(0.15) ? t : pick(tables);
    const col: ModelColumn = { name: name("r"), fromA: false, kind: "integer", nullable: true };
    t.columns.push(col);
    const fk = {
      name: chance(0.7) ? name(`${t.name}_fk`) : undefined,
      column: col.name,
      references: target.name,
      onDelete: pick(ACTIONS),
    };
    t.foreignKeys.push(fk);
    return `${col.name} -> ${target.name} on delete ${fk.onDelete}`;
  };
  const newTable = (tables: readonly ModelTable[], fromA: boolean): ModelTable => {
    const t: ModelTable = {
      name: name(`${p}t`),
      fromA,
      columns: [{ name: "id", fromA, kind: "integer", nullable: false }],
      indexes: [],
      uniques: [],
      foreignKeys: [],
      checks: [],
    };
    const n = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < n; i++) t.columns.push({ ...column(fromA), fromA });
    if (tables.length > 0 && chance(0.5)) addForeignKey(t, tables);
    if (chance(0.5)) addIndex(t);
    if (chance(0.3)) addUnique(t);
    if (chance(0.3)) addCheck(t);
    if (caps.comments && chance(0.3)) t.comment = `table ${t.name}`;
    for (const c of t.columns) c.fromA = fromA;
    return t;
  };

  const a: ModelSchema = { tables: [] };
  const count = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < count; i++) a.tables.push(newTable(a.tables, true));
  const b: ModelSchema = structuredClone(a);
  const mutations: string[] = [];
  const steps = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < steps; i++) {
    const done = mutate(b.tables);
    if (done) mutations.push(done);
  }
  if (mutations.length === 0) {
    b.tables.push(newTable(b.tables, false));
    mutations.push(`add table ${b.tables.at(-1)!.name}`);
  }
  return { a: declareModel(a), b: declareModel(b), mutations };

  /** One random change to `tables`, described; undefined when it did not apply. */
  function mutate(tables: ModelTable[]): string | undefined {
    if (tables.length === 0) {
      tables.push(newTable(tables, false));
      return `add table ${tables.at(-1)!.name}`;
    }
    const t = pick(tables);
    const cols = plainColumns(t);
    const col = cols.length > 0 ? pick(cols) : undefined;
    switch (Math.floor(rnd() * 16)) {
      case 0:
        tables.push(newTable(tables, false));
        return `add table ${tables.at(-1)!.name}`;
      case 1: {
        tables.splice(tables.indexOf(t), 1);
        for (const other of tables) {
          other.foreignKeys = other.foreignKeys.filter((f) => f.references !== t.name);
        }
        return `drop table ${t.name}`;
      }
      case 2: {
        if (!t.fromA || t.renamedFrom !== undefined) return undefined;
        const to = name(`${p}t`);
        for (const other of tables) {
          for (const f of other.foreignKeys) if (f.references === t.name) f.references = to;
        }
        t.renamedFrom = t.name;
        t.name = to;
        return `rename table ${t.renamedFrom} to ${to}`;
      }
      case 3: {
        const c = column(false);
        if (!c.nullable && c.default === undefined) c.nullable = true;
        t.columns.push(c);
        return `add column ${t.name}.${c.name} ${c.kind}`;
      }
      case 4:
        if (!col) return undefined;
        dropColumn(t, col.name);
        return `drop column ${t.name}.${col.name}`;
      case 5: {
        if (!col?.fromA || col.renamedFrom !== undefined) return undefined;
        const from = col.name;
        renameColumn(t, from, name("c"));
        col.renamedFrom = from;
        return `rename column ${t.name}.${from} to ${col.name}`;
      }
      case 6: {
        if (!col) return undefined;
        const family = TYPE_KINDS[col.kind].family;
        const options = (Object.keys(TYPE_KINDS) as TypeKind[]).filter((k) => {
          const f = TYPE_KINDS[k].family;
          if (k === col.kind) return false;
          if (f === family) return true;
          // varchar <-> text only when nothing indexes it and no default needs a length.
          return (
            ((f === "text" && family === "str") || (f === "str" && family === "text")) &&
            !usesColumn(t, col.name) &&
            col.default === undefined
          );
        });
        if (options.length === 0) return undefined;
        const from = col.kind;
        col.kind = pick(options);
        return `alter type ${t.name}.${col.name} ${from} -> ${col.kind}`;
      }
      case 7:
        if (!col) return undefined;
        col.nullable = !col.nullable;
        return `${t.name}.${col.name} ${col.nullable ? "NULL" : "NOT NULL"}`;
      case 8: {
        if (!col) return undefined;
        const next = col.default !== undefined && chance(0.5) ? undefined : defaultFor(col.kind);
        if (JSON.stringify(next) === JSON.stringify(col.default)) return undefined;
        col.default = next;
        return `default ${t.name}.${col.name} = ${JSON.stringify(col.default) ?? "none"}`;
      }
      case 9: {
        const added = addIndex(t);
        return added && `add index ${added}`;
      }
      case 10: {
        const gone = t.indexes.length > 0 ? t.indexes.splice(0, 1)[0] : undefined;
        return gone && `drop index ${gone.name}`;
      }
      case 11: {
        if (t.uniques.length > 0 && chance(0.5))
          return `drop unique ${t.uniques.pop()!.name ?? "(unnamed)"}`;
        const added = addUnique(t);
        return added && `add unique ${added}`;
      }
      case 12: {
        if (t.foreignKeys.length > 0 && chance(0.5)) {
          return `drop foreign key ${t.foreignKeys.pop()!.name ?? "(unnamed)"}`;
        }
        return `add foreign key ${t.name}.${addForeignKey(t, tables)}`;
      }
      case 13: {
        if (t.checks.length > 0 && chance(0.5))
          return `drop check ${t.checks.pop()!.name ?? "(unnamed)"}`;
        const added = addCheck(t);
        return added && `add check ${added}`;
      }
      case 14: {
        if (!caps.comments) return undefined;
        t.comment = t.comment === undefined ? `now ${t.name}` : undefined;
        return `table comment ${t.name} = ${t.comment ?? "none"}`;
      }
      default: {
        if (!caps.comments || !col) return undefined;
        col.comment = col.comment === undefined ? `now ${col.name}` : undefined;
        return `column comment ${t.name}.${col.name} = ${col.comment ?? "none"}`;
      }
    }
  }
}
