import { type Operation, type QualifiedName, t, tableDefinition } from "@mig/core";

/** A small deterministic generator (LCG), so a failing seed can be replayed. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

interface TableState {
  readonly ref: QualifiedName;
  readonly fixed: readonly string[];
  columns: string[];
  /** Columns holding only NULLs: safe for a unique constraint. */
  readonly nullOnly: Set<string>;
  indexes: { name: string; column: string }[];
  constraints: { name: string; column: string; check: boolean }[];
}

/** Parent `p` and child `c` (FK with ON DELETE CASCADE), as the sequences start. */
export const START: readonly Operation[] = [
  {
    kind: "createTable",
    definition: tableDefinition(
      "p",
      { id: { type: "integer", primaryKey: true }, a: { type: "text" } },
      { primaryKey: { name: "p_pk", columns: ["id"] } },
    ),
  },
  {
    kind: "createTable",
    definition: tableDefinition("c", {
      id: { type: "integer", primaryKey: true },
      pid: {
        type: "integer",
        references: { table: "p", column: "id", name: "c_fk", onDelete: "cascade" },
      },
      b: { type: "integer", default: 1 },
    }),
  },
];

export const SEED_ROWS = [
  "INSERT INTO p (id, a) VALUES (1, 'x'), (2, 'y')",
  "INSERT INTO c (id, pid) VALUES (10, 1), (11, 2)",
];

/**
 * A random but valid sequence of column, index and constraint changes on `p` and `c`,
 * single or grouped in batches: the changes SQLite makes by copying the table.
 */
export function randomOperations(seed: number, count: number): Operation[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const state = (name: string, fixed: string[], columns: string[]): TableState => ({
    ref: { name },
    fixed,
    columns,
    nullOnly: new Set(),
    indexes: [],
    constraints: [],
  });
  const tables = [state("p", ["id"], ["id", "a"]), state("c", ["id", "pid"], ["id", "pid", "b"])];
  let n = 0;

  function change(tb: TableState, kind: string): Operation | undefined {
    const table = tb.ref;
    const name = `x${n++}`;
    const free = tb.columns.filter((c) => !tb.fixed.includes(c));
    const used = (c: string) =>
      tb.indexes.some((i) => i.column === c) || tb.constraints.some((k) => k.column === c);
    switch (kind) {
      case "add": {
        const type = pick(["integer", "text", t.varchar(20)] as const);
        const value = pick([undefined, type === "integer" ? 5 : "z"]);
        tb.columns.push(name);
        if (value === undefined) tb.nullOnly.add(name);
        return { kind: "addColumn", table, column: { name, type, nullable: true, default: value } };
      }
      case "drop": {
        const candidates = free.filter((c) => !used(c));
        if (candidates.length === 0) return undefined;
        const column = pick(candidates);
        tb.columns = tb.columns.filter((c) => c !== column);
        return { kind: "dropColumn", table, column };
      }
      case "alter": {
        if (free.length === 0) return undefined;
        const changes = pick([
          { nullable: true },
          { type: "text" as const },
          { default: "7" },
          { default: null },
        ]);
        return { kind: "alterColumn", table, column: pick(free), changes };
      }
      case "rename": {
        const candidates = free.filter(
          (c) => !tb.constraints.some((k) => k.check && k.column === c),
        );
        if (candidates.length === 0) return undefined;
        const column = pick(candidates);
        const renamed = `r${n++}`;
        tb.columns = tb.columns.map((c) => (c === column ? renamed : c));
        if (tb.nullOnly.delete(column)) tb.nullOnly.add(renamed);
        for (const x of [...tb.indexes, ...tb.constraints])
          if (x.column === column) x.column = renamed;
        return { kind: "alterColumn", table, column, changes: { newName: renamed } };
      }
      case "index": {
        if (free.length === 0) return undefined;
        const column = pick(free);
        tb.indexes.push({ name: `ix_${name}`, column });
        return { kind: "createIndex", table, index: { name: `ix_${name}`, columns: [column] } };
      }
      case "dropIndex": {
        if (tb.indexes.length === 0) return undefined;
        const index = pick(tb.indexes);
        tb.indexes = tb.indexes.filter((i) => i !== index);
        return { kind: "dropIndex", name: index.name, table };
      }
      case "unique": {
        const candidates = free.filter((c) => tb.nullOnly.has(c));
        if (candidates.length === 0) return undefined;
        const column = pick(candidates);
        tb.constraints.push({ name: `uq_${name}`, column, check: false });
        return {
          kind: "createUniqueConstraint",
          table,
          constraint: { name: `uq_${name}`, columns: [column] },
        };
      }
      case "check": {
        if (free.length === 0) return undefined;
        const column = pick(free);
        tb.constraints.push({ name: `ck_${name}`, column, check: true });
        // Generated names are plain, so the expression needs no dialect quoting.
        const expression = `${column} IS NULL OR ${column} = ${column}`;
        return {
          kind: "createCheckConstraint",
          table,
          constraint: { name: `ck_${name}`, expression },
        };
      }
      case "foreignKey": {
        // Null-only columns point at p's ids without any row breaking the key.
        const candidates = free.filter((c) => tb.nullOnly.has(c));
        if (candidates.length === 0) return undefined;
        const column = pick(candidates);
        tb.constraints.push({ name: `fk_${name}`, column, check: false });
        return {
          kind: "createForeignKey",
          table,
          constraint: {
            name: `fk_${name}`,
            columns: [column],
            references: { name: "p" },
            referencedColumns: ["id"],
            onDelete: pick(["cascade", "set null", undefined] as const),
          },
        };
      }
      case "dropConstraint": {
        if (tb.constraints.length === 0) return undefined;
        const constraint = pick(tb.constraints);
        tb.constraints = tb.constraints.filter((k) => k !== constraint);
        return { kind: "dropConstraint", table, name: constraint.name };
      }
    }
    return undefined;
  }

  const ops: Operation[] = [];
  const kinds = [
    "add",
    "add",
    "drop",
    "alter",
    "rename",
    "index",
    "dropIndex",
    "unique",
    "check",
    "foreignKey",
    "dropConstraint",
  ];
  while (ops.length < count) {
    const tb = pick(tables);
    if (next() < 0.2) {
      const inner = [0, 1, 2]
        .map(() =>
          change(tb, pick(["add", "alter", "rename", "index", "unique", "check", "foreignKey"])),
        )
        .filter((o): o is Operation => o !== undefined);
      if (inner.length > 0)
        ops.push({ kind: "batch", table: tb.ref, operations: inner, recreate: "auto" });
    } else {
      const op = change(tb, pick(kinds));
      if (op) ops.push(op);
    }
  }
  return ops;
}
