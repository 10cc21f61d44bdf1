import { isMigError, sql, type TableDefinition, t, table } from "@mig/core";
import { describe, expect, it } from "vitest";
import { connect } from "./helpers.js";
import { dialect, useHarness } from "./operations-harness.js";

const h = useHarness("decl");

/** Every feature the MySQL dialect models, in one small schema. */
const FEATURES: TableDefinition[] = [
  table(
    "orders",
    {
      id: { type: "integer", primaryKey: true, autoincrement: true },
      parent_id: { type: "integer", references: { table: "orders", column: "id" } },
      customer: { type: t.varchar(100), nullable: false, collation: "utf8mb4_bin" },
      status: { type: t.enum("status", ["new", "paid", "it's"]), default: "new" },
      total: { type: t.numeric(10, 2), nullable: false, default: 0 },
      qty: { type: "integer", nullable: false, default: 1 },
      doubled: { type: "integer", generated: { expression: "qty * 2", stored: false } },
      label: {
        type: t.varchar(120),
        generated: { expression: "concat(customer, '!')", stored: true },
      },
      notes: { type: "text", comment: "free text" },
      meta: { type: "json" },
      placed_at: { type: "timestamp", nullable: false, default: sql("CURRENT_TIMESTAMP") },
      flag: { type: "boolean", default: false },
    },
    {
      comment: "all the orders",
      checks: [{ name: "qty_positive", expression: "qty > 0" }],
      indexes: [
        { name: "orders_notes_ft", columns: ["notes"], method: "fulltext" },
        // Covers the self-reference's column: MySQL makes no index of its own for it then.
        { name: "orders_parent_qty", columns: ["parent_id", "qty"] },
        {
          name: "orders_customer_prefix",
          columns: [
            { column: "customer", length: 10 },
            { column: "qty", descending: true },
          ],
        },
      ],
    },
  ).definition,
  table(
    "order_lines",
    {
      order_id: { type: "integer", nullable: false },
      line_no: { type: "smallint", nullable: false },
      sku: { type: t.char(12), nullable: false, unique: "order_lines_sku_key" },
      price: { type: "double" },
    },
    {
      primaryKey: ["order_id", "line_no"],
      foreignKeys: [
        {
          name: "order_lines_order_fk",
          columns: ["order_id"],
          references: "orders",
          referencedColumns: ["id"],
          onDelete: "cascade",
          onUpdate: "restrict",
        },
      ],
    },
  ).definition,
];

async function scratchDatabases(): Promise<string[]> {
  const rows = await h().connection.query<{ n: string }>(
    "SELECT SCHEMA_NAME AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'mig\\_scratch\\_%'",
  );
  return rows.map((r) => r.n);
}

describe("snapshotDeclared", () => {
  it("reads the declared schema exactly as introspect reads it once applied, and leaves no scratch database", async () => {
    const declared = await dialect.snapshotDeclared(h().connection, FEATURES);
    expect(await scratchDatabases()).toEqual([]);
    for (const definition of FEATURES) await h().run({ kind: "createTable", definition });
    const live = await h().snapshot();
    expect(declared).toEqual(live);
    // Nothing names the scratch database, and the features are all there.
    expect(JSON.stringify(declared)).not.toMatch(/mig_scratch_/);
    const orders = declared.tables.find((x) => x.name === "orders")!;
    expect(orders.indexes.map((i) => [i.name, i.method])).toEqual([
      ["orders_customer_prefix", null],
      ["orders_notes_ft", "fulltext"],
      ["orders_parent_qty", null],
    ]);
    expect(orders.columns.find((c) => c.name === "label")?.generated).toMatchObject({
      stored: true,
    });
    expect(orders.columns.find((c) => c.name === "meta")?.type).toBe("json");
    expect(orders.columns.find((c) => c.name === "customer")?.collation).toBe("utf8mb4_bin");
  });

  it("creates the scratch database with the live database's character set, so collations read the same", async () => {
    await h().connection.execute(
      `ALTER DATABASE \`${h().db.name}\` CHARACTER SET latin1 COLLATE latin1_swedish_ci`,
    );
    const tables = [
      table("names", {
        // The live database's own collation (reads as none) next to another one.
        a: { type: t.varchar(10), collation: "latin1_swedish_ci" },
        b: { type: t.varchar(10), collation: "latin1_bin" },
        c: { type: "text" },
      }).definition,
    ];
    const declared = await dialect.snapshotDeclared(h().connection, tables);
    await h().run({ kind: "createTable", definition: tables[0]! });
    expect(declared).toEqual(await h().snapshot());
    expect(declared.tables[0]!.columns.map((c) => c.collation)).toEqual([null, "latin1_bin", null]);
  });

  it("maps a declared schema (another database) to a scratch database and back", async () => {
    const other = `${h().db.name}_o`;
    await h().connection.execute(`CREATE DATABASE \`${other}\``);
    try {
      const tables = [
        table("home", { id: { type: "integer", primaryKey: true } }).definition,
        table(
          "away",
          {
            id: { type: "integer", primaryKey: true },
            home_id: {
              type: "integer",
              references: { table: { name: "home", schema: h().db.name }, column: "id" },
            },
          },
          { schema: other },
        ).definition,
      ];
      const declared = await dialect.snapshotDeclared(h().connection, tables);
      for (const definition of tables) await h().run({ kind: "createTable", definition });
      const home = await h().snapshot();
      const away = await dialect.introspect(h().connection, { schema: other });
      expect(declared.tables).toEqual([...home.tables, ...away.tables]);
      expect(declared.tables[1]!.foreignKeys[0]!.referencedSchema).toBe(h().db.name);
      expect(await scratchDatabases()).toEqual([]);
    } finally {
      await h().connection.execute(`DROP DATABASE \`${other}\``);
    }
  });

  it("names the table and the server's message when the server refuses a declaration, and drops the scratch database", async () => {
    const bad = table("broken", {
      id: { type: "integer", primaryKey: true },
      other: { type: "integer", generated: { expression: "no_such_column + 1", stored: true } },
    }).definition;
    const error = await dialect
      .snapshotDeclared(h().connection, [FEATURES[0]!, bad])
      .catch((e) => e);
    expect(isMigError(error)).toBe(true);
    expect(error.message).toMatch(/declared table broken: .*no_such_column/);
    expect(await scratchDatabases()).toEqual([]);
    // The session is as it was: foreign keys are checked again.
    const [row] = await h().connection.query<{ v: number }>(
      "SELECT @@SESSION.foreign_key_checks AS v",
    );
    expect(Number(row!.v)).toBe(1);
  });

  it("says which grant is missing when the user cannot create a database", async () => {
    const user = `mig_nogrant_${process.pid}`;
    const admin = h().connection;
    await admin.execute(`CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY 'pw-${user}'`);
    await admin.execute(`GRANT ALL PRIVILEGES ON \`${h().db.name}\`.* TO '${user}'@'%'`);
    const url = new URL(h().db.url);
    url.username = user;
    url.password = `pw-${user}`;
    const source = await connect(url.toString(), { poolSize: 1 });
    try {
      const c = await source.acquire();
      const error = await dialect.snapshotDeclared(c, FEATURES).catch((e) => e);
      await c.release();
      expect(error.code).toBe("mysql_scratch_database_denied");
      expect(error.message).toMatch(/refused to create one: Access denied/);
      expect(error.hint).toContain("GRANT ALL PRIVILEGES ON `mig\\_scratch\\_%`.*");
    } finally {
      await source.close();
      await admin.execute(`DROP USER '${user}'@'%'`);
    }
  });
});
