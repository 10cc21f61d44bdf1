import { type Operation, sql, t, tableDefinition } from "@mig/core";
import { describe, expect, it } from "vitest";
import { table, useHarness } from "./operations-harness.js";

const h = useHarness("ops");

const parents = tableDefinition("parents", { id: { type: "bigint", primaryKey: true } });

/** Every portable type, defaults of each kind, and every table-level clause. */
const things = tableDefinition(
  "things",
  {
    id: { type: "bigint", primaryKey: true, autoincrement: true },
    small: { type: "smallint", default: 3 },
    whole: { type: "integer", nullable: false, default: -1 },
    body: { type: "text", comment: "the 'body' \\ here" },
    flag: { type: "boolean", default: true },
    ratio: { type: "real" },
    precise: { type: "double" },
    day: { type: "date" },
    at: { type: "time" },
    attz: { type: t.time({ withTimeZone: true }) },
    created: { type: "timestamp", nullable: false, default: sql("CURRENT_TIMESTAMP") },
    createdtz: { type: "timestamptz" },
    doc: { type: "json" },
    docb: { type: "jsonb" },
    uid: { type: "uuid", default: sql("uuid()") },
    bytes: { type: "blob" },
    name: { type: t.varchar(40), default: "it's \\ here", unique: "things_name_key" },
    code: { type: t.varchar() },
    fixed: { type: t.char(2) },
    price: { type: t.numeric(10, 2), default: 1.5 },
    amount: { type: t.numeric() },
    status: { type: t.enum("status", ["new", "Done", "it's"]), default: "new" },
    raw: { type: t.raw("MEDIUMINT UNSIGNED") },
    parent_id: {
      type: "bigint",
      references: { table: "parents", column: "id", name: "things_parent_fk", onDelete: "cascade" },
    },
  },
  {
    checks: [{ name: "things_small_positive", expression: "small > 0" }],
    indexes: [{ name: "things_day_idx", columns: ["day", "at"] }],
    comment: "Things, all of them",
  },
);

const create = (definition = things): Operation => ({ kind: "createTable", definition });

describe("createTable / dropTable / renameTable", () => {
  it("creates every portable type, defaults, keys, checks, comments and indexes, and drops it again", async () => {
    await h().run(create(parents));
    await h().roundTrip(create(), (after) => {
      const made = after.tables.find((x) => x.name === "things")!;
      const col = (name: string) => made.columns.find((c) => c.name === name)!;
      expect(made.columns.map((c) => [c.name, c.type])).toEqual([
        ["id", "bigint(20)"],
        ["small", "smallint(6)"],
        ["whole", "int(11)"],
        ["body", "text"],
        ["flag", "tinyint(1)"],
        ["ratio", "float"],
        ["precise", "double"],
        ["day", "date"],
        ["at", "time"],
        ["attz", "time"],
        ["created", "datetime"],
        ["createdtz", "datetime"],
        // MariaDB's JSON is LONGTEXT with a json_valid() check: read back as json.
        ["doc", "json"],
        ["docb", "json"],
        ["uid", "char(36)"],
        ["bytes", "longblob"],
        ["name", "varchar(40)"],
        ["code", "varchar(255)"],
        ["fixed", "char(2)"],
        ["price", "decimal(10,2)"],
        ["amount", "decimal(65,30)"],
        ["status", "enum('new','Done','it''s')"],
        ["raw", "mediumint(8) unsigned"],
        ["parent_id", "bigint(20)"],
      ]);
      expect(col("id")).toMatchObject({ nullable: false, autoincrement: true, default: null });
      expect(col("small").default).toBe("3");
      expect(col("whole")).toMatchObject({ nullable: false, default: "-1" });
      expect(col("body")).toMatchObject({ comment: "the 'body' \\ here", default: null });
      expect(col("flag").default).toBe("1");
      expect(col("created")).toMatchObject({ nullable: false, default: "current_timestamp()" });
      expect(col("uid").default).toBe("uuid()");
      expect(col("name").default).toBe("'it''s \\\\ here'");
      expect(col("price").default).toBe("1.50");
      expect(col("status").default).toBe("'new'");
      expect(made.comment).toBe("Things, all of them");
      expect(made.primaryKey).toEqual({ name: null, columns: ["id"] });
      expect(made.foreignKeys).toEqual([
        {
          name: "things_parent_fk",
          columns: ["parent_id"],
          referencedTable: "parents",
          referencedColumns: ["id"],
          onDelete: "cascade",
          onUpdate: "restrict",
        },
      ]);
      expect(made.uniques).toEqual([{ name: "things_name_key", columns: ["name"] }]);
      // The JSON columns' json_valid() checks are MariaDB's own and are left out.
      expect(made.checks).toEqual([{ name: "things_small_positive", expression: "`small` > 0" }]);
      expect(made.indexes).toMatchObject([
        {
          name: "things_day_idx",
          columns: ["day", "at"],
          unique: false,
          where: null,
          method: null,
        },
      ]);
    });
  });

  it("drops a table given its definition, and creates it again as the reverse", async () => {
    await h().run(create(parents), create());
    await h().roundTrip({ kind: "dropTable", table: table("things"), existing: things }, (after) =>
      expect(after.tables.map((x) => x.name)).toEqual(["parents"]),
    );
  });

  it("renames a table", async () => {
    await h().run(create(parents));
    await h().roundTrip(
      { kind: "renameTable", table: table("parents"), newName: "elders" },
      (after) => expect(after.tables.map((x) => x.name)).toEqual(["elders"]),
    );
  });
});

describe("addColumn / dropColumn", () => {
  it("adds a column with its default, comment and nullability", async () => {
    await h().run(create(parents));
    const column = {
      name: "label",
      type: t.varchar(20),
      nullable: false,
      default: "none",
      comment: "shown",
    };
    await h().roundTrip({ kind: "addColumn", table: table("parents"), column }, (after) =>
      expect(after.tables[0]!.columns[1]).toEqual({
        name: "label",
        type: "varchar(20)",
        nullable: false,
        default: "'none'",
        autoincrement: false,
        identity: null,
        generated: null,
        collation: null,
        comment: "shown",
      }),
    );
  });

  it("drops a column given its definition, and adds it back as the reverse", async () => {
    // The last column: addColumn appends, so only then does the reverse restore the order.
    const notes = tableDefinition("notes", {
      id: { type: "integer", primaryKey: true },
      price: { type: t.numeric(10, 2), nullable: false, default: 1.5, comment: "each" },
    });
    await h().run(create(notes));
    const existing = notes.columns[1]!;
    await h().roundTrip(
      { kind: "dropColumn", table: table("notes"), column: "price", existing },
      (after) => expect(after.tables[0]!.columns.map((c) => c.name)).toEqual(["id"]),
    );
  });
});
