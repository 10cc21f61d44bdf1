import type { Dialect, DialectFactory } from "@mig/core";
import { DEFAULT_CAPABILITIES, DialectBase } from "@mig/core/dialect";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as pkg from "../src/index.js";
import { createDialect, SqliteDialect, sqlite } from "../src/index.js";
import { SqliteDdlCompiler } from "../src/sqlite-ddl-compiler.js";
import { connect } from "./helpers.js";

describe("SqliteDialect", () => {
  it("is what auto-loading imports: createDialect, with sqlite as an alias", () => {
    expect(typeof pkg.createDialect).toBe("function");
    expect(sqlite).toBe(createDialect);
    const dialect = createDialect();
    expect(dialect).toBeInstanceOf(SqliteDialect);
    expect(dialect).toBeInstanceOf(DialectBase);
    expectTypeOf(createDialect).toExtend<DialectFactory>();
    expectTypeOf(dialect).toExtend<Dialect>();
  });

  it("makes its DDL compiler once, through DialectBase's createDdlCompiler hook", () => {
    const dialect = createDialect();
    expect(dialect.ddl).toBeInstanceOf(SqliteDdlCompiler);
    expect(dialect.ddl).toBe(dialect.ddl);
  });

  it("has every capability the contract defines", () => {
    expect(Object.keys(createDialect().capabilities).sort()).toEqual(
      Object.keys(DEFAULT_CAPABILITIES).sort(),
    );
  });

  it("describes SQLite", () => {
    const dialect = createDialect();
    expect(dialect.name).toBe("sqlite");
    expect(dialect.schemes).toEqual(["sqlite", "file"]);
    expect(dialect.capabilities).toEqual({
      transactionalDDL: true,
      supportsSchemas: false,
      alterColumn: "batch",
      multipleConnections: false,
      comments: false,
      partialIndexes: true,
      expressionIndexes: true,
      reusesPreparedStatements: true,
      namesIgnoreCase: true,
    });
    expect(dialect.placeholder).toBe("?");
    // Offline SQL turns foreign keys off before a run of transactions, for table copies,
    // and on again after the last commits.
    expect([dialect.beginSql, dialect.commitSql]).toEqual(["BEGIN", "COMMIT"]);
    expect(dialect.offlineTransactionFrame).toEqual({
      before: "PRAGMA foreign_keys = OFF",
      after: "PRAGMA foreign_keys = ON",
    });
  });

  it("renders literals the way values are bound", () => {
    const dialect = createDialect();
    expect(dialect.literal(true)).toBe("1");
    expect(dialect.literal(false)).toBe("0");
    expect(dialect.literal("it's")).toBe("'it''s'");
    expect(dialect.literal(null)).toBe("NULL");
    expect(dialect.literal(new Date("2024-01-02T03:04:05.000Z"))).toBe(
      "'2024-01-02T03:04:05.000Z'",
    );
    expect(dialect.quoteIdentifier('we"ird')).toBe('"we""ird"');
  });

  it("offline BEGIN/COMMIT and every version-table statement run on SQLite", async () => {
    const dialect = createDialect();
    const { connection } = await connect("sqlite:./v.db");
    const table = { name: "mig_version" };
    await connection.execute(
      `${dialect.beginSql};\n${dialect.versionTable.create(table)};\n${dialect.commitSql};`,
    );
    await connection.execute(dialect.versionTable.insert(table, "aaa"));
    await connection.execute(dialect.versionTable.insert(table, "bbb"));
    await connection.execute(dialect.versionTable.update(table, "aaa", "ccc"));
    await connection.execute(dialect.versionTable.delete(table, "bbb"));
    expect(await connection.query(dialect.versionTable.select(table))).toEqual([
      { version_num: "ccc" },
    ]);
    await expect(connection.execute(dialect.versionTable.insert(table, "ccc"))).rejects.toThrow(
      /UNIQUE/,
    );
  });

  it("hasTable looks in sqlite_master, ignoring ASCII case like SQLite does", async () => {
    const dialect = createDialect();
    const { connection } = await connect("sqlite:./h.db");
    expect(await dialect.hasTable(connection, { name: "mig_version" })).toBe(false);
    await connection.execute('CREATE TABLE "Mig_Version" (version_num VARCHAR(32))');
    await connection.execute("CREATE VIEW a_view AS SELECT 1");
    expect(await dialect.hasTable(connection, { name: "mig_version" })).toBe(true);
    expect(await dialect.hasTable(connection, { name: "MIG_VERSION" })).toBe(true);
    expect(await dialect.hasTable(connection, { name: "a_view" })).toBe(false);
    expect(await dialect.hasTable(connection, { name: "mig_version", schema: "main" })).toBe(true);
    expect(await dialect.hasTable(connection, { name: "mig_version", schema: "temp" })).toBe(false);
  });
});
