import { type Operations, sql, t } from "@mig/core";
import { describe, expect, it } from "vitest";
import { connect, createTestDatabase } from "./helpers.js";
import { dialect, offlineSql, useHarness } from "./operations-harness.js";

const h = useHarness("offline");

/** Every kind of operation, as one migration; the tables it changes it mostly made itself. */
async function migration(op: Operations): Promise<void> {
  await op.createTable(
    "authors",
    {
      id: { type: "integer", primaryKey: true, autoincrement: true },
      name: { type: t.varchar(50), nullable: false, comment: "who" },
    },
    { comment: "writers" },
  );
  await op.createTable(
    "books",
    {
      id: { type: "bigint", primaryKey: true },
      author_id: { type: "integer" },
      title: { type: "text" },
      price: { type: t.numeric(8, 2), nullable: false, default: 0 },
      created: { type: "timestamp", default: sql("CURRENT_TIMESTAMP") },
      meta: { type: "json" },
    },
    { checks: [{ name: "books_price", expression: "price >= 0" }] },
  );
  await op.createTable("reviews", {
    id: { type: "integer", primaryKey: true },
    book_id: { type: "bigint", references: { table: "books", column: "id", name: "reviews_book" } },
  });
  await op.createForeignKey("books_author", "books", "authors", ["author_id"], ["id"], {
    onDelete: "cascade",
    onUpdate: "restrict",
  });
  // Covers the foreign key's columns: MySQL drops the index it had made for books_author.
  await op.createIndex("books_title", "books", ["author_id", "price"], { unique: true });
  await op.createIndex("books_created", "books", ["created"]);
  await op.createUniqueConstraint("authors_name", "authors", ["name"]);
  await op.createCheckConstraint("authors_named", "authors", "char_length(name) > 0");
  await op.alterColumn("authors", "name", { type: t.varchar(80) });
  await op.alterColumn("books", "price", { comment: "in EUR" });
  await op.alterColumn("books", "title", { newName: "heading" });
  await op.alterColumn("books", "price", { default: 1 });
  await op.addColumn("books", "isbn", { type: t.char(13), unique: "books_isbn" });
  await op.createTableComment("books", "all books");
  await op.bulkInsert("authors", [{ name: "O'Brien \\ x" }, { name: "naïve 表" }]);
  await op.execute("INSERT INTO books (id, author_id, heading, meta) VALUES (?, ?, ?, ?)", [
    1,
    1,
    "it's ? here",
    JSON.stringify({ a: "\\" }),
  ]);
  // A table the run does not model: its changes must say everything themselves.
  await op.execute("CREATE TABLE loose (id INT NOT NULL, n INT NULL)");
  await op.alterColumn("loose", "n", {
    nullable: false,
    existing: { type: "integer", nullable: true },
  });
  await op.createPrimaryKey("loose_pk", "loose", ["id"]);
  await op.dropConstraint("loose_pk", "loose", { type: "primary" });
  await op.renameTable("loose", "tight");
  await op.dropIndex("books_created", { table: "books" });
  await op.dropConstraint("reviews_book", "reviews");
  await op.dropConstraint("books_author", "books");
  await op.dropConstraint("authors_named", "authors");
  await op.dropColumn("books", "meta");
  await op.batchAlterTable("authors", (b) => {
    b.alterColumn("name", { nullable: true });
    b.dropConstraint("authors_name");
  });
}

describe("offline (--sql)", () => {
  it("writes SQL that builds the same schema and rows as the online run", async () => {
    await migration(h().op);
    await h().op.flush();
    const online = await h().snapshot();
    const of = (name: string) => online.tables.find((x) => x.name === name)!;
    expect(online.tables.map((x) => x.name)).toEqual(["authors", "books", "reviews", "tight"]);
    // Each foreign key is gone, and so is the index MySQL had made for reviews_book.
    expect(of("reviews")).toMatchObject({ foreignKeys: [], indexes: [] });
    expect(of("books")).toMatchObject({ foreignKeys: [], indexes: [], comment: "all books" });
    expect(of("books").uniques.map((u) => u.name)).toEqual(["books_isbn", "books_title"]);

    const script = await offlineSql(migration);
    expect(script).toContain("DROP INDEX `reviews_book` ON `reviews`");
    expect(script).not.toContain("DROP INDEX `books_author`");
    const db = await createTestDatabase("offline_b");
    const source = await connect(db.url, { poolSize: 1 });
    try {
      const c = await source.acquire();
      await c.execute(script);
      expect(await dialect.introspect(c)).toEqual(online);
      const rows =
        "SELECT a.name, b.heading, b.price FROM authors a LEFT JOIN books b ON b.author_id = a.id ORDER BY a.id";
      expect(await c.query(rows)).toEqual(await h().connection.query(rows));
      await c.release();
    } finally {
      await source.close();
      await db.drop();
    }
  });

  it("asks for what it cannot look up, with the fix", async () => {
    await expect(
      offlineSql((op) => op.alterColumn("unknown", "c", { type: "bigint" })),
    ).rejects.toMatchObject({
      code: "mysql_alter_column_needs_existing",
      hint: expect.stringContaining(
        "pass existing: { type, nullable } in alterColumn for --sql on MySQL",
      ),
    });
    await expect(
      offlineSql((op) =>
        op.alterColumn("unknown", "c", { type: "bigint", existing: { type: "text" } }),
      ),
    ).rejects.toMatchObject({
      code: "mysql_alter_column_needs_existing",
      message: expect.stringContaining("nullability"),
    });
    await expect(offlineSql((op) => op.dropConstraint("c", "unknown"))).rejects.toMatchObject({
      code: "mysql_drop_constraint_needs_type",
      hint: expect.stringContaining("type"),
    });
    await expect(offlineSql((op) => op.dropIndex("i"))).rejects.toMatchObject({
      code: "mysql_drop_index_needs_table",
    });
    // SQLite's table options are refused, never dropped.
    await expect(
      offlineSql((op) => op.createTable("kv", { k: { type: "text" } }, { withoutRowid: true })),
    ).rejects.toThrow("createTable kv: withoutRowid is a SQLite table option");
  });

  it("needs nothing looked up for a default or a rename", async () => {
    const script = await offlineSql(async (op) => {
      await op.alterColumn("unknown", "c", { default: sql("now()") });
      await op.alterColumn("unknown", "c", { default: null, newName: "d" });
    });
    expect(script).toBe(
      "ALTER TABLE `unknown` ALTER COLUMN `c` SET DEFAULT now();\n\n" +
        "ALTER TABLE `unknown` ALTER COLUMN `c` DROP DEFAULT;\n\n" +
        "ALTER TABLE `unknown` RENAME COLUMN `c` TO `d`;\n\n",
    );
  });
});
