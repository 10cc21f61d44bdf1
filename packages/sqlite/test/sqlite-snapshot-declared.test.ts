import { type DeclaredTable, sql, t, table } from "@mig/core";
import { renderSchemaModule } from "@mig/core/schema";
import { describe, expect, it } from "vitest";
import { caught } from "./helpers.js";
import { freshDb, migrate, snapshot } from "./operations-helpers.js";

/** A schema using everything SQLite autogenerate models, as `table(...)` / `op.createTable` arguments. */
const SPECS: readonly Parameters<typeof table>[] = [
  [
    "line",
    {
      order_id: { type: "integer" },
      no: { type: "smallint" },
      qty: { type: "integer", nullable: false, default: 1 },
      price: { type: t.numeric(10, 2), nullable: false, default: sql("0") },
      total: { type: t.numeric(12, 2), generated: { expression: "qty * price", stored: true } },
      label: { type: "text", generated: { expression: "'#' || no", stored: false } },
      note: { type: "text", collation: "NOCASE", default: sql("NULL") },
    },
    {
      primaryKey: ["order_id", "no"],
      foreignKeys: [
        {
          name: "fk_line_order",
          columns: ["order_id"],
          references: "orders",
          referencedColumns: ["id"],
          onDelete: "cascade",
        },
      ],
      checks: [{ name: "ck_qty", expression: "qty > 0" }],
      indexes: [
        { name: "ix_line_total", columns: [{ column: "total", descending: true }, "no"] },
        { name: "ix_line_note", columns: [{ column: "note", collation: "BINARY" }] },
      ],
    },
  ],
  [
    "orders",
    {
      id: { type: "integer", primaryKey: true },
      parent_id: {
        type: "integer",
        references: { table: "orders", column: "id", onDelete: "set null" },
      },
      code: { type: t.varchar(20), nullable: false, unique: "uq_orders_code" },
      email: { type: "text", collation: "NOCASE" },
      created: { type: "timestamp", nullable: false, default: sql("CURRENT_TIMESTAMP") },
      status: { type: t.varchar(10), nullable: false, default: "new" },
      paid: { type: "boolean", nullable: false, default: false },
      data: { type: "json" },
      amount: { type: "double", default: 0.5 },
    },
    {
      uniques: [{ name: "uq_orders_email_code", columns: ["email", "code"] }],
      checks: ["status IN ('new', 'paid')"],
      indexes: [
        { name: "ix_orders_lower_email", columns: [sql("lower(email)")], where: "paid = 0" },
        {
          name: "ix_orders_created",
          columns: [
            { column: "created", descending: true },
            { column: "email", collation: "RTRIM" },
          ],
          unique: true,
        },
        {
          name: "ix_orders_expr",
          columns: [{ column: sql("substr(code, 1, 2)"), collation: "NOCASE", descending: true }],
        },
      ],
    },
  ],
  [
    "counter",
    {
      id: { type: "integer", primaryKey: true, autoincrement: true },
      n: { type: "bigint", nullable: false, default: 0 },
    },
  ],
];
const EVERYTHING: readonly DeclaredTable[] = SPECS.map((spec) => table(...spec));

describe("snapshotDeclared", () => {
  it("reads a declared schema exactly as introspect reads it once applied for real", async () => {
    const db = await freshDb();
    const declared = await db.dialect.snapshotDeclared(
      db.connection,
      EVERYTHING.map((x) => x.definition),
    );
    await migrate(db, async (op) => {
      for (const [name, columns, options] of SPECS) {
        await op.createTable(name, columns as Parameters<typeof op.createTable>[1], options);
      }
    });
    const live = await db.dialect.introspect(db.connection);
    expect(declared).toEqual(live);
    // The scratch database was private: nothing of it shows in the user's database.
    expect(declared.tables.map((x) => x.name)).toEqual(["counter", "line", "orders"]);
    const orders = declared.tables.find((x) => x.name === "orders")!;
    expect(orders.columns.find((c) => c.name === "id")).toMatchObject({
      nullable: false,
      autoincrement: false,
    });
    expect(orders.columns.find((c) => c.name === "email")?.collation).toBe("NOCASE");
  });

  it("equals the live schema written by hand in SQLite's usual spellings", async () => {
    const db = await freshDb();
    await db.connection.execute(`
      CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT, n BIGINT NOT NULL DEFAULT 0);
      CREATE TABLE orders (
        id integer primary key,
        parent_id INTEGER REFERENCES orders (id) ON DELETE SET NULL,
        code VARCHAR(20) NOT NULL CONSTRAINT uq_orders_code UNIQUE,
        email TEXT COLLATE nocase,
        created DATETIME NOT NULL DEFAULT (CURRENT_TIMESTAMP),
        status VARCHAR(10) NOT NULL DEFAULT 'new',
        paid BOOLEAN NOT NULL DEFAULT 0,
        data JSON DEFAULT NULL,
        amount DOUBLE DEFAULT 0.5,
        CONSTRAINT uq_orders_email_code UNIQUE (email, code),
        CHECK (status IN ('new', 'paid'))
      );
      CREATE TABLE line (
        order_id INTEGER NOT NULL, no SMALLINT NOT NULL,
        qty INTEGER NOT NULL DEFAULT 1, price NUMERIC(10, 2) NOT NULL DEFAULT 0,
        total NUMERIC(12, 2) GENERATED ALWAYS AS (qty * price) STORED,
        label TEXT AS ('#' || no),
        note TEXT COLLATE NOCASE DEFAULT NULL,
        PRIMARY KEY (order_id, no),
        CONSTRAINT fk_line_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
        CONSTRAINT ck_qty CHECK (qty > 0)
      );
      CREATE INDEX ix_line_total ON line (total DESC, no);
      CREATE INDEX ix_line_note ON line (note COLLATE BINARY);
      CREATE INDEX ix_orders_lower_email ON orders (lower(email)) WHERE paid = 0;
      CREATE UNIQUE INDEX ix_orders_created ON orders (created DESC, email COLLATE rtrim);
      CREATE INDEX ix_orders_expr ON orders (substr(code, 1, 2) COLLATE NOCASE DESC);
    `);
    const declared = await db.dialect.snapshotDeclared(
      db.connection,
      EVERYTHING.map((x) => x.definition),
    );
    expect(declared).toEqual(await snapshot(db));
  });

  it("names the table SQLite refuses, with SQLite's reason", async () => {
    const db = await freshDb();
    const bad = table("bad", {
      a: { type: "integer" },
      b: { type: "integer", generated: { expression: "a + 1", stored: true }, default: 1 },
    });
    const error = await caught(() => db.dialect.snapshotDeclared(db.connection, [bad.definition]));
    expect(error).toMatchObject({ code: "schema_invalid", usage: true });
    expect((error as Error).message).toMatch(/^SQLite refuses the declared table "bad": .*DEFAULT/);
    const autoincrement = table("ai", {
      id: { type: "text", primaryKey: true, autoincrement: true },
    });
    const refused = await caught(() =>
      db.dialect.snapshotDeclared(db.connection, [autoincrement.definition]),
    );
    expect((refused as Error).message).toMatch(/^Declared table "ai": SQLite can only/);
  });

  it("takes schema main as no schema and refuses any other", async () => {
    const db = await freshDb();
    const inMain = table({ name: "a", schema: "main" }, { id: { type: "integer" } });
    const made = await db.dialect.snapshotDeclared(db.connection, [inMain.definition]);
    expect(made.tables.map((x) => [x.name, x.schema])).toEqual([["a", undefined]]);
    const aux = table({ name: "a", schema: "aux" }, { id: { type: "integer" } });
    const error = await caught(() => db.dialect.snapshotDeclared(db.connection, [aux.definition]));
    expect(error).toMatchObject({ code: "schema_invalid", usage: true });
    expect((error as Error).message).toContain(`names the schema "aux"`);
    // Reading the live side of such a declaration says the same plainly.
    const live = await caught(() => db.dialect.introspect(db.connection, { schema: "aux" }));
    expect(live).toMatchObject({ code: "schema_invalid", usage: true });
    expect((live as Error).message).toContain(`no database "aux" attached`);
  });
});

describe("readType", () => {
  it.each([
    ["INTEGER", "integer"],
    ["SMALLINT", "smallint"],
    ["BIGINT", "bigint"],
    ["TEXT", "text"],
    ["BOOLEAN", "boolean"],
    ["REAL", "real"],
    ["DOUBLE", "double"],
    ["DATE", "date"],
    ["TIME", "time"],
    ["DATETIME", "timestamp"],
    ["JSON", "json"],
    ["BLOB", "blob"],
    ["VARCHAR", t.varchar()],
    ["VARCHAR(255)", t.varchar(255)],
    ["CHAR(36)", t.char(36)],
    ["NUMERIC", t.numeric()],
    ["NUMERIC(10)", t.numeric(10)],
    ["NUMERIC(10, 2)", t.numeric(10, 2)],
  ])("reads %s as a portable type", async (catalog, portable) => {
    const db = await freshDb();
    expect(db.dialect.readType(catalog)).toEqual(portable);
    // And that type creates exactly this catalog type again.
    const made = await db.dialect.snapshotDeclared(db.connection, [
      table("x", { c: { type: db.dialect.readType(catalog)! } }).definition,
    ]);
    expect(made.tables[0]?.columns[0]?.type).toBe(catalog);
  });

  it.each([
    "int",
    "NUMERIC(10,2)",
    "VARCHAR(10, 2)",
    "TIMESTAMP",
    "character varying(5)",
    "",
    // SQLite keeps the declared case: a lowercase spelling is not what t.varchar writes.
    "varchar(255)",
    "integer",
    "NVARCHAR(160)",
  ])("keeps %s in the catalog's spelling", async (catalog) => {
    const db = await freshDb();
    expect(db.dialect.readType(catalog)).toBeUndefined();
  });
});

describe("declared type case", () => {
  it("types keep the case they were declared in; pull writes them so they compile back identically", async () => {
    const db = await freshDb();
    await db.connection.execute(
      "CREATE TABLE legacy (a NVARCHAR(160), b Integer, c VARCHAR(20), d varchar(20), e INTEGER)",
    );
    const live = (await snapshot(db)).tables[0]!;
    const types = live.columns.map((c) => c.type);
    // SQLite itself spells the one word INTEGER in capitals, whatever the declaration's case.
    expect(types).toEqual(["NVARCHAR(160)", "INTEGER", "VARCHAR(20)", "varchar(20)", "INTEGER"]);
    const module = renderSchemaModule(await snapshot(db), {
      readType: (type) => db.dialect.readType(type),
    });
    expect(module).toContain('a: { type: t.raw("NVARCHAR(160)") }');
    expect(module).toContain('b: { type: "integer" }');
    expect(module).toContain("c: { type: t.varchar(20) }");
    expect(module).toContain('d: { type: t.raw("varchar(20)") }');
    expect(module).toContain('e: { type: "integer" }');
    // What `mig pull` declares creates the same type text in an empty database.
    const columns = Object.fromEntries(
      live.columns.map((c) => [c.name, { type: db.dialect.readType(c.type) ?? t.raw(c.type) }]),
    );
    const made = await db.dialect.snapshotDeclared(db.connection, [
      table("legacy", columns).definition,
    ]);
    expect(made.tables[0]?.columns.map((c) => c.type)).toEqual(types);
  });
});
