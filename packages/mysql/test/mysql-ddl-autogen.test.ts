import { type ColumnType, type IndexDefinition, t } from "@mig/core";
import { describe, expect, it } from "vitest";
import { createDialect } from "../src/index.js";
import { dialect, useHarness } from "./operations-harness.js";

const ddl = createDialect().ddl;
const index = (def: IndexDefinition) =>
  ddl.compile({ kind: "createIndex", table: { name: "docs" }, index: def }).map((s) => s.sql);
const column = (def: Parameters<typeof ddl.compile>[0] & { kind: "addColumn" }) =>
  ddl.compile(def).map((s) => s.sql);

describe("MySQL DDL for the declared schema", () => {
  it("writes FULLTEXT, SPATIAL, prefix lengths, DESC and USING HASH", () => {
    expect(index({ name: "ft", columns: ["title", "body"], method: "fulltext" })).toEqual([
      "CREATE FULLTEXT INDEX `ft` ON `docs` (`title`, `body`)",
    ]);
    expect(index({ name: "sp", columns: ["place"], method: "spatial" })).toEqual([
      "CREATE SPATIAL INDEX `sp` ON `docs` (`place`)",
    ]);
    expect(
      index({
        name: "pre",
        columns: [
          { column: "title", length: 10 },
          { column: "id", descending: true },
        ],
        unique: true,
      }),
    ).toEqual(["CREATE UNIQUE INDEX `pre` ON `docs` (`title`(10), `id` DESC)"]);
    expect(index({ name: "h", columns: ["id"], method: "hash" })).toEqual([
      "CREATE INDEX `h` ON `docs` (`id`) USING HASH",
    ]);
    expect(index({ name: "b", columns: ["id"], method: "btree" })).toEqual([
      "CREATE INDEX `b` ON `docs` (`id`)",
    ]);
  });

  it("refuses what only PostgreSQL indexes have", () => {
    const refused = (def: IndexDefinition) => {
      try {
        index(def);
      } catch (error) {
        return error;
      }
      throw new Error("not refused");
    };
    expect(refused({ name: "g", columns: ["tags"], method: "gin" })).toMatchObject({
      code: "mysql_index_option_unsupported",
      message: 'Index "g" uses method "gin", which MySQL and MariaDB do not have.',
    });
    expect(
      refused({ name: "o", columns: [{ column: "title", opclass: "text_pattern_ops" }] }),
    ).toMatchObject({ code: "mysql_index_option_unsupported" });
    expect(refused({ name: "i", columns: ["id"], include: ["title"] })).toMatchObject({
      code: "mysql_index_option_unsupported",
    });
    expect(refused({ name: "l", columns: [{ column: "title", length: 0 }] })).toMatchObject({
      code: "invalid_type",
    });
  });

  it("writes generated columns, collations and AUTO_INCREMENT for identity", () => {
    const add = (c: object) =>
      column({
        kind: "addColumn",
        table: { name: "t" },
        column: { name: "c", type: "integer", nullable: true, ...c },
      });
    expect(add({ generated: { expression: "a * 2", stored: false } })).toEqual([
      "ALTER TABLE `t` ADD COLUMN `c` INT GENERATED ALWAYS AS (a * 2) VIRTUAL",
    ]);
    expect(
      add({ generated: { expression: "a * 2", stored: true }, nullable: false, default: 3 }),
    ).toEqual(["ALTER TABLE `t` ADD COLUMN `c` INT GENERATED ALWAYS AS (a * 2) STORED NOT NULL"]);
    expect(add({ type: t.varchar(10), collation: "utf8mb4_bin" })).toEqual([
      "ALTER TABLE `t` ADD COLUMN `c` VARCHAR(10) COLLATE `utf8mb4_bin` NULL",
    ]);
    expect(add({ nullable: false, identity: "by default", autoincrement: true })).toEqual([
      "ALTER TABLE `t` ADD COLUMN `c` INT NOT NULL AUTO_INCREMENT",
    ]);
    expect(() => add({ identity: "always", autoincrement: true })).toThrow(
      /GENERATED ALWAYS AS IDENTITY, which MySQL and MariaDB do not have/,
    );
  });

  it("leaves alterEnum to the base compiler's error", () => {
    expect(() => ddl.compile({ kind: "alterEnum", name: "mood", values: ["ok", "meh"] })).toThrow(
      /no enum types/,
    );
  });
});

const h = useHarness("types");

describe("readType", () => {
  const portable: ColumnType[] = [
    "smallint",
    "integer",
    "bigint",
    "text",
    "boolean",
    "real",
    "double",
    "date",
    "time",
    "timestamp",
    "json",
    "blob",
    t.varchar(255),
    t.varchar(),
    t.char(3),
    t.numeric(10, 2),
    t.numeric(12),
  ];

  it("maps a catalog type only to a portable type that creates that same type again", async () => {
    const columns = portable.map((type, i) => ({ name: `c${i}`, type, nullable: true }));
    await h().run({
      kind: "createTable",
      definition: {
        table: { name: "types" },
        columns,
        foreignKeys: [],
        uniques: [],
        checks: [],
        indexes: [],
      },
    });
    const read = (await h().table("types")).columns.map((c) => c.type);
    const mapped = read.map((type) => dialect.readType(type));
    expect(mapped.every((m) => m !== undefined)).toBe(true);
    await h().run({
      kind: "createTable",
      definition: {
        table: { name: "again" },
        columns: mapped.map((type, i) => ({ name: `c${i}`, type: type!, nullable: true })),
        foreignKeys: [],
        uniques: [],
        checks: [],
        indexes: [],
      },
    });
    expect((await h().table("again")).columns.map((c) => c.type)).toEqual(read);
    expect(read.slice(0, 4)).toEqual(["smallint(6)", "int(11)", "bigint(20)", "text"]);
    expect(mapped.slice(0, 5)).toEqual(["smallint", "integer", "bigint", "text", "boolean"]);
  });

  it("keeps spellings the portable types do not make", () => {
    for (const type of [
      "int(10) unsigned",
      "tinyint(4)",
      "timestamp",
      "longtext",
      "varchar(10) binary",
      "datetime(3)",
      "enum('a','b')",
      "point",
    ]) {
      expect(dialect.readType(type), type).toBeUndefined();
    }
    expect(dialect.readType("decimal(10,2)")).toEqual(t.numeric(10, 2));
    expect(dialect.readType("varchar(255)")).toEqual(t.varchar(255));
    expect(dialect.readType("int")).toBe("integer");
  });
});
