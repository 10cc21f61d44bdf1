import {
  type Connection,
  type IntrospectOptions,
  isMigError,
  type SchemaSnapshot,
  sql,
  type TableDefinition,
  t,
  table,
} from "@mig/core";
import { describe, expect, test } from "vitest";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("snapshot_declared");

const mood = t.enum("mood", ["ok", "sad", "glad"]);
const status = t.enum("status", ["open", "void", "paid"]);

/** Two schemas, every feature mig models on PostgreSQL. */
const declared: TableDefinition[] = [
  table(
    "users",
    {
      id: { type: "integer", primaryKey: true, identity: "always" },
      email: { type: t.raw("citext"), nullable: false, unique: "users_email_key" },
      name: { type: "text", collation: "C", comment: "display name" },
      mood: { type: mood, nullable: false, default: "ok" },
      created: { type: "timestamptz", default: sql("now()") },
      score: { type: t.numeric(10, 2), default: 0 },
      doubled: { type: t.numeric(12, 2), generated: { expression: "score * 2", stored: true } },
      counter: { type: "bigint", autoincrement: true },
      prefs: { type: "jsonb" },
      last_order: { type: "bigint" },
    },
    {
      comment: "people",
      checks: ["score >= 0", { name: "users_mood_known", expression: "mood <> 'sad'" }],
      foreignKeys: [
        {
          columns: ["last_order"],
          references: { schema: "sales", name: "orders" },
          referencedColumns: ["id"],
          onDelete: "set null",
        },
      ],
      indexes: [
        { name: "users_name_lower", columns: [sql("lower(name)")], where: "score > 0" },
        {
          name: "users_created",
          columns: [{ column: "created", descending: true }],
          include: ["name"],
        },
        {
          name: "users_prefs",
          columns: [{ column: "prefs", opclass: "jsonb_path_ops" }],
          method: "gin",
        },
        { name: "users_name_c", columns: [{ column: "email", collation: "C" }], unique: true },
      ],
    },
  ).definition,
  table(
    { schema: "sales", name: "orders" },
    {
      id: { type: "bigint", primaryKey: true, autoincrement: true },
      user_id: {
        type: "integer",
        references: { table: "users", column: "id", onDelete: "cascade" },
      },
      parent_id: {
        type: "bigint",
        references: { table: { schema: "sales", name: "orders" }, column: "id" },
      },
      status: { type: status, nullable: false, default: "open" },
      note: { type: t.varchar(200), identity: undefined },
    },
    {
      checks: ["status <> 'void'::sales.status OR note IS NOT NULL"],
      uniques: [["user_id", "parent_id"]],
      indexes: [
        { name: "orders_open", columns: ["user_id"], where: "status = 'open'::sales.status" },
      ],
    },
  ).definition,
  table(
    { schema: "sales", name: "lines" },
    {
      order_id: { type: "bigint" },
      n: { type: "smallint" },
      qty: { type: "integer", nullable: false, default: 1 },
      total: { type: "integer", generated: { expression: "qty * n", stored: true } },
    },
    {
      primaryKey: ["order_id", "n"],
      foreignKeys: [
        {
          columns: ["order_id"],
          references: { schema: "sales", name: "orders" },
          referencedColumns: ["id"],
          onDelete: "cascade",
          onUpdate: "restrict",
        },
      ],
    },
  ).definition,
];

/** The live side as compareDatabase reads it: the default schema, then the others by name. */
async function readLive(schemas: string[]): Promise<SchemaSnapshot> {
  const first = await h.snapshot();
  const rest = [];
  for (const schema of schemas) rest.push(await h.snapshot({ schema } as IntrospectOptions));
  const all = [first, ...rest];
  return {
    defaultSchema: first.defaultSchema,
    tables: all.flatMap((s) => s.tables),
    enums: all.flatMap((s) => s.enums),
    unsupported: all.flatMap((s) => s.unsupported),
  };
}

const scratchSchemas = (c: Connection) =>
  c.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'mig\\_scratch%'");

describe("snapshotDeclared", () => {
  test("reads exactly what introspect reads once the same tables are applied for real", async () => {
    const c = h.connection();
    await c.execute("CREATE EXTENSION citext");
    const pathBefore = await c.query("SHOW search_path");
    const before = await h.dialect.snapshotDeclared(c, declared);
    expect(await scratchSchemas(c)).toEqual([]);
    expect(await c.query("SHOW search_path")).toEqual(pathBefore);

    await c.execute("CREATE SCHEMA sales");
    const [users, orders, lines] = declared;
    await h.op().invoke({ kind: "createTable", definition: { ...users!, foreignKeys: [] } });
    await h.op().invoke({ kind: "createTable", definition: orders! });
    await h.op().invoke({ kind: "createTable", definition: lines! });
    await h.op().invoke({
      kind: "createForeignKey",
      table: users!.table,
      constraint: users!.foreignKeys[0]!,
    });
    const live = await readLive(["sales"]);
    expect(live.tables.map((x) => [x.schema, x.name])).toEqual([
      [undefined, "users"],
      ["sales", "lines"],
      ["sales", "orders"],
    ]);
    expect(JSON.stringify(before, null, 1)).toBe(JSON.stringify(live, null, 1));
    // With the real tables and types there, the scratch ones still win the search path.
    const after = await h.dialect.snapshotDeclared(c, declared);
    expect(JSON.stringify(after, null, 1)).toBe(JSON.stringify(live, null, 1));
    expect(await scratchSchemas(c)).toEqual([]);
  });

  test("the scratch names never show: enums, keys and expressions name the declared schemas", async () => {
    await h.connection().execute("CREATE EXTENSION citext");
    const snapshot = await h.dialect.snapshotDeclared(h.connection(), declared);
    expect(JSON.stringify(snapshot)).not.toContain("mig_scratch");
    expect(snapshot.enums).toEqual([
      { name: "mood", values: ["ok", "sad", "glad"] },
      { name: "status", schema: "sales", values: ["open", "void", "paid"] },
    ]);
    const orders = snapshot.tables.find((x) => x.name === "orders")!;
    expect(orders.columns[3]!.type).toBe("sales.status");
    expect(orders.indexes[0]!.where).toBe("status = 'open'::sales.status");
    expect(orders.foreignKeys.map((fk) => [fk.referencedSchema, fk.referencedTable])).toEqual([
      [undefined, "orders"],
      ["public", "users"],
    ]);
  });

  test("a declaration the server refuses names the table; nothing is left behind", async () => {
    const c = h.connection();
    const bad = table(
      { schema: "sales", name: "bad" },
      { id: { type: "integer" } },
      { checks: ["nope > 0"] },
    ).definition;
    const error = await h.dialect.snapshotDeclared(c, [declared[1]!, bad]).catch((e) => e);
    expect(isMigError(error)).toBe(true);
    expect(error.message).toBe(
      `The schema module's table "sales.bad" does not apply on PostgreSQL: column "nope" does not exist`,
    );
    expect(await scratchSchemas(c)).toEqual([]);
    expect(await c.query("SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
  });

  test("inside the caller's transaction it rolls back to a savepoint and keeps the caller's work", async () => {
    const c = h.connection();
    await c.begin();
    await c.execute("CREATE TABLE mine (id int)");
    const snapshot = await h.dialect.snapshotDeclared(c, [
      table("other", { id: { type: "integer" } }).definition,
    ]);
    expect(snapshot.tables.map((x) => x.name)).toEqual(["other"]);
    expect(await c.query("SELECT to_regclass('mine') IS NOT NULL AS there")).toEqual([
      { there: true },
    ]);
    await c.rollback();
    expect(await scratchSchemas(c)).toEqual([]);
  });
});
