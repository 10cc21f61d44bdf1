import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { biomeFormatted, migrationModule, typeCheck } from "../../test/render-check.js";
import { t } from "../operations/column-type.js";
import type { Operation } from "../operations/operation.js";
import { Operations } from "../operations/operations.js";
import { reverseOperation } from "../operations/reverse.js";
import { sql } from "../operations/sql-expression.js";
import { renderedImports, renderOperations } from "./render-operations.js";

const users = { name: "users" };
const orders = { schema: "sales", name: "orders" };
const awkward = `it's a "quoted" \\ back\nslash é 日本 \u2028 \u0001`;

/** Every kind of operation, with the details each can carry. */
const ALL: Operation[] = [
  { kind: "alterEnum", name: "mood", values: ["happy", "sad", "ok"], existing: ["happy", "sad"] },
  { kind: "alterEnum", name: "mood", schema: "sales", values: ["a"] },
  {
    kind: "createTable",
    definition: {
      table: users,
      columns: [
        { name: "id", type: "bigint", nullable: false, autoincrement: true, identity: "always" },
        { name: "email", type: t.varchar(255), nullable: false, collation: "C" },
        { name: "status", type: t.enum("mood", ["a", "b"]), nullable: true, default: "active" },
        { name: "score", type: t.numeric(10, 2), nullable: true, default: 0 },
        { name: "big", type: "bigint", nullable: true, default: 12n },
        { name: "on", type: "boolean", nullable: false, default: true },
        { name: "at", type: "timestamptz", nullable: false, default: sql("now()") },
        { name: "odd-name", type: t.raw("character varying(255)"), nullable: true },
        {
          name: "total",
          type: t.numeric(),
          nullable: true,
          generated: { expression: "score * 2", stored: true },
          comment: awkward,
        },
        { name: "t", type: t.time({ withTimeZone: true }), nullable: true },
      ],
      primaryKey: { columns: ["id"] },
      foreignKeys: [],
      uniques: [{ columns: ["email"] }, { name: "users_status_key", columns: ["status"] }],
      checks: [{ expression: "score >= 0" }, { name: "ck_on", expression: "on OR NOT on" }],
      indexes: [
        {
          name: "users_lower_email",
          columns: [sql("lower(email)"), { column: "at", descending: true, opclass: "x_ops" }],
          unique: true,
          where: "status <> 'gone'",
          method: "btree",
          include: ["score"],
        },
      ],
      comment: "People who sign in",
    },
  },
  {
    kind: "createTable",
    definition: {
      table: orders,
      columns: [
        { name: "user_id", type: "bigint", nullable: false },
        { name: "n", type: "integer", nullable: false },
        { name: "1", type: "text", nullable: true },
      ],
      primaryKey: { name: "orders_pk", columns: ["n", "user_id"] },
      foreignKeys: [
        {
          name: "orders_user_fk",
          columns: ["user_id"],
          references: users,
          referencedColumns: ["id"],
          onDelete: "cascade",
        },
        { columns: ["n"], references: orders, referencedColumns: ["n"], onUpdate: "set null" },
      ],
      uniques: [],
      checks: [],
      indexes: [],
    },
  },
  { kind: "renameTable", table: orders, newName: "purchases" },
  { kind: "addColumn", table: users, column: { name: "nick", type: "text", nullable: false } },
  {
    kind: "addColumn",
    table: orders,
    column: { name: "note", type: t.char(3), nullable: true, default: sql("'abc'::bpchar") },
  },
  {
    kind: "dropColumn",
    table: orders,
    column: "state",
    existing: { name: "state", type: t.enum("state", ["a", "b"]), nullable: true, default: "a" },
  },
  { kind: "dropColumn", table: users, column: "nick" },
  {
    kind: "alterColumn",
    table: users,
    column: "email",
    changes: { type: t.varchar(320), using: "email::varchar", nullable: true, default: null },
    existing: { type: t.varchar(255), nullable: false, default: null, comment: null },
  },
  {
    kind: "alterColumn",
    table: orders,
    column: "n",
    changes: { newName: "qty", comment: "how many", default: -1 },
    existing: { autoincrement: false, default: sql("0") },
  },
  {
    kind: "createIndex",
    table: orders,
    index: { name: "orders_ft", columns: [{ column: "note", length: 10 }], method: "fulltext" },
    concurrently: true,
  },
  { kind: "createIndex", table: users, index: { name: "users_at", columns: ["at"] } },
  { kind: "dropIndex", name: "users_at", table: users, concurrently: true },
  { kind: "dropIndex", name: "orders_ft", table: orders },
  { kind: "dropIndex", name: "gone" },
  { kind: "createPrimaryKey", table: users, constraint: { name: "users_pkey", columns: ["id"] } },
  {
    kind: "createForeignKey",
    table: orders,
    constraint: {
      name: "fk",
      columns: ["a", "b"],
      references: users,
      referencedColumns: ["x", "y"],
      onDelete: "restrict",
      onUpdate: "no action",
    },
  },
  {
    kind: "createForeignKey",
    table: orders,
    constraint: { columns: ["a"], references: orders, referencedColumns: ["b"] },
  },
  { kind: "createUniqueConstraint", table: users, constraint: { name: "uq", columns: ["a"] } },
  { kind: "createUniqueConstraint", table: users, constraint: { columns: ["b"] } },
  { kind: "createCheckConstraint", table: users, constraint: { name: "ck", expression: "a > 0" } },
  { kind: "createCheckConstraint", table: users, constraint: { expression: "b > 0" } },
  { kind: "dropConstraint", table: users, name: "uq", type: "unique" },
  { kind: "dropConstraint", table: orders, name: "fk" },
  {
    kind: "dropConstraint",
    table: users,
    name: "users_a_key",
    type: "unique",
    existing: { type: "unique", columns: ["a"] },
  },
  {
    kind: "dropConstraint",
    table: orders,
    name: "orders_a_fkey",
    type: "foreign",
    existing: {
      type: "foreign",
      columns: ["a"],
      references: users,
      referencedColumns: ["id"],
      onDelete: "cascade",
    },
  },
  { kind: "setTableComment", table: users, comment: awkward, existing: null },
  { kind: "setTableComment", table: orders, comment: null, existing: "old" },
  { kind: "setTableComment", table: orders, comment: "new" },
  { kind: "execute", sql: "UPDATE users SET a = 'x\\y'" },
  { kind: "execute", sql: "UPDATE users SET a = $1", params: ["it's", 1, null, true] },
  { kind: "bulkInsert", table: users, rows: [{ a: 1, b: "x" }, { a: 2 }] },
  { kind: "bulkInsert", table: users, rows: [JSON.parse('{"__proto__": "p", "x y": [1.5]}')] },
  {
    kind: "addColumn",
    table: users,
    column: { name: "__proto__", type: "integer", nullable: true },
  },
  {
    kind: "batch",
    table: users,
    recreate: "auto",
    operations: [
      { kind: "addColumn", table: users, column: { name: "c", type: "integer", nullable: true } },
      { kind: "dropColumn", table: users, column: "d" },
      {
        kind: "dropColumn",
        table: users,
        column: "f",
        existing: { name: "f", type: t.enum("f_kind", ["x"]), nullable: false },
      },
      {
        kind: "alterColumn",
        table: users,
        column: "e",
        changes: { nullable: false },
        existing: { nullable: true },
      },
      { kind: "createIndex", table: users, index: { name: "ix", columns: ["c"], unique: true } },
      { kind: "dropIndex", name: "ix_old", table: users },
      { kind: "createCheckConstraint", table: users, constraint: { name: "ck", expression: "c" } },
      { kind: "dropConstraint", table: users, name: "old", type: "check" },
      {
        kind: "dropConstraint",
        table: users,
        name: "users_check",
        type: "check",
        existing: { type: "check", expression: "c > 0" },
      },
    ],
  },
  {
    kind: "batch",
    table: orders,
    recreate: "always",
    operations: [
      { kind: "createUniqueConstraint", table: orders, constraint: { columns: ["unnamed"] } },
    ],
  },
  {
    kind: "dropTable",
    table: orders,
    existing: {
      table: orders,
      columns: [{ name: "n", type: t.varchar(10), nullable: false, default: sql("'x'") }],
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [{ name: "ix", columns: [sql("lower(n)")] }],
    },
  },
  { kind: "dropTable", table: users },
];

/**
 * What the public API carries: a column's or index's drop `existing` only reverses it, and
 * is left out, unless the column is enum-typed (it names the type to drop with the column);
 * a constraint's is kept (it finds an unnamed constraint on SQLite).
 */
function carried(op: Operation): Operation {
  const enumTyped = op.kind === "dropColumn" && typeof op.existing?.type === "object";
  if ((op.kind === "dropColumn" && !enumTyped) || op.kind === "dropIndex") {
    const { existing: _, ...rest } = op;
    return rest as Operation;
  }
  if (op.kind === "batch") return { ...op, operations: op.operations.map(carried) };
  return op;
}

/** Runs rendered lines against a real `op` whose dialect only records the operations. */
async function replay(lines: readonly string[]): Promise<Operation[]> {
  const seen: Operation[] = [];
  const op = new Operations({
    offline: false,
    dialect: { name: "record", runOperation: async (o) => void seen.push(o) },
    execute: async () => 0,
    query: async () => [],
    begin: async () => {},
    commit: async () => {},
    rollback: async () => {},
    comment: () => {},
  });
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  await new AsyncFunction("op", "t", "sql", lines.join("\n"))(op, t, sql);
  await op.flush();
  return seen;
}

describe("renderOperations", () => {
  test("the rendered calls rebuild every operation through the public op API", async () => {
    const lines = renderOperations(ALL);
    expect(await replay(lines)).toEqual(ALL.map(carried));
  });

  test("a rendered migration is as biome formats it, and type-checks", async () => {
    const module = migrationModule(renderOperations(ALL), renderOperations([...ALL].reverse()));
    expect(biomeFormatted(module)).toBe(module);
    expect(typeCheck({ "migration.ts": module })).toBe("");
  }, 120_000);

  test("readable calls: vocabulary types, literal defaults, sql(), schema-qualified tables", () => {
    const text = renderOperations(ALL).join("\n");
    expect(text).toContain('  email: { type: t.varchar(255), nullable: false, collation: "C" },');
    expect(text).toContain('status: { type: t.enum("mood", ["a", "b"]), default: "active" },');
    expect(text).toContain('at: { type: "timestamptz", nullable: false, default: sql("now()") },');
    expect(text).toContain("score: { type: t.numeric(10, 2), default: 0 },");
    expect(text).toContain('{ schema: "sales", name: "orders" }');
    expect(text).toContain('id: { type: "bigint", primaryKey: true, identity: "always" },');
    expect(text).toContain(
      'await op.dropColumn("users", "nick");\nawait op.alterColumn("users", "email", {',
    );
    expect(text).toContain('await op.dropConstraint("uq", "users", { type: "unique" });');
    expect(text).toContain(
      'await op.dropConstraint("users_a_key", "users", { existing: { type: "unique", columns: ["a"] } });',
    );
  });

  test("comments go above their call, one // line each", () => {
    const drop = ALL.find((o) => o.kind === "dropColumn" && o.column === "nick")!;
    const lines = renderOperations([drop], new Map([[drop, ["destructive: loses data", "a\nb"]]]));
    expect(lines).toEqual([
      "// destructive: loses data",
      "// a",
      "// b",
      'await op.dropColumn("users", "nick");',
    ]);
  });

  test("strings keep quotes, backslashes, newlines and unicode exactly", async () => {
    const texts = [awkward, `'`, `"`, `"'"`, "\\", "\u0000\t\r", "\ud800", "emoji 🎉"];
    const ops: Operation[] = texts.map((sqlText) => ({ kind: "execute", sql: sqlText }));
    const seen = await replay(renderOperations(ops));
    expect(seen.map((o) => (o.kind === "execute" ? o.sql : ""))).toEqual(texts);
  });

  test("renderedImports names what the calls use from @mig/core", () => {
    expect(renderedImports(ALL)).toEqual(["sql", "t"]);
    expect(renderedImports([{ kind: "dropTable", table: users }])).toEqual([]);
    const add: Operation = {
      kind: "addColumn",
      table: users,
      column: { name: "a", type: t.varchar(3), nullable: true },
    };
    expect(renderedImports([add])).toEqual(["t"]);
  });

  test("no operations: no lines", () => {
    expect(renderOperations([])).toEqual([]);
  });
});

test("docs/autogenerate-rendering.md shows what renderOperations writes", () => {
  const create: Operation = {
    kind: "createTable",
    definition: {
      table: { name: "post" },
      columns: [
        { name: "id", type: "bigint", nullable: false, autoincrement: true },
        { name: "author_id", type: "bigint", nullable: false },
        { name: "title", type: t.varchar(200), nullable: false },
        {
          name: "status",
          type: t.enum("post_status", ["draft", "published"]),
          nullable: false,
          default: "draft",
        },
        { name: "created_at", type: "timestamptz", nullable: false, default: sql("now()") },
      ],
      primaryKey: { columns: ["id"] },
      foreignKeys: [
        {
          name: "post_author_id_fkey",
          columns: ["author_id"],
          references: { name: "account" },
          referencedColumns: ["id"],
          onDelete: "cascade",
        },
      ],
      uniques: [],
      checks: [],
      indexes: [
        {
          name: "post_author_created",
          columns: ["author_id", { column: "created_at", descending: true }],
        },
      ],
    },
  };
  const drop: Operation = { kind: "dropColumn", table: users, column: "nickname" };
  const upgrade: Operation[] = [
    create,
    {
      kind: "alterColumn",
      table: { name: "account" },
      column: "email",
      changes: { type: t.varchar(320) },
      existing: { type: t.varchar(255), nullable: false },
    },
    { ...drop, table: { name: "account" } },
  ];
  const comments = new Map([
    [upgrade[2]!, ["destructive: drops column account.nickname and its data"]],
  ]);
  const downgrade = [
    {
      kind: "addColumn",
      table: { name: "account" },
      column: { name: "nickname", type: "text", nullable: true },
    },
    ...upgrade
      .slice(0, 2)
      .reverse()
      .map((o) => reverseOperation(o)!),
  ] as Operation[];
  const doc = readFileSync(
    new URL("../../../../docs/autogenerate-rendering.md", import.meta.url),
    "utf8",
  );
  const body = (name: string) => {
    const start = doc.indexOf(`export async function ${name}(op: Operations): Promise<void> {\n`);
    const end = doc.indexOf("\n}\n", start);
    return doc
      .slice(doc.indexOf("\n", start) + 1, end)
      .split("\n")
      .map((l) => l.slice(2));
  };
  expect(body("upgrade")).toEqual(renderOperations(upgrade, comments));
  expect(body("downgrade")).toEqual(renderOperations(downgrade));
});
