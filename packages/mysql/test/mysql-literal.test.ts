import { isMigError } from "@mig/core";
import { describe, expect, it } from "vitest";
import { createDialect } from "../src/index.js";
import { inlineMysqlParams } from "../src/mysql-literal.js";

const dialect = createDialect();
const inline = (sql: string, params: unknown[]) =>
  inlineMysqlParams(sql, params, (v) => dialect.literal(v));

describe("MySQL literals and quoting", () => {
  it.each([
    ["plain", "'plain'"],
    ["it's", "'it''s'"],
    ["back\\slash", "'back\\\\slash'"],
    ["line\nbreak\r", "'line\\nbreak\\r'"],
    ["nul\0", "'nul\\0'"],
    [null, "NULL"],
    [undefined, "NULL"],
    [42, "42"],
    [10n ** 20n, "100000000000000000000"],
    [true, "TRUE"],
    [new Date("2024-02-03T04:05:06.789Z"), "'2024-02-03 04:05:06.789'"],
    [new Uint8Array([0, 255]), "X'00ff'"],
    [{ a: "b" }, `'{"a":"b"}'`],
  ])("literal #%# is %s", (value, expected) => {
    expect(dialect.literal(value)).toBe(expected);
  });

  it("quotes identifiers with backticks, doubling backticks", () => {
    expect(dialect.quoteIdentifier('we`ird "name"')).toBe('`we``ird "name"`');
    expect(dialect.qualify({ schema: "app", name: "t" })).toBe("`app`.`t`");
  });

  it("writes the version table for InnoDB", () => {
    expect(dialect.versionTable.create({ name: "mig_version" })).toBe(
      "CREATE TABLE `mig_version` (`version_num` VARCHAR(32) NOT NULL, CONSTRAINT `mig_version_pkc` PRIMARY KEY (`version_num`)) ENGINE=InnoDB",
    );
    expect(dialect.versionTable.insert({ name: "v", schema: "s" }, "abc")).toBe(
      "INSERT INTO `s`.`v` (`version_num`) VALUES ('abc')",
    );
  });

  it("inlines ? outside strings, identifiers and comments", () => {
    expect(
      inline("SELECT ?, 'a?', \"b?\", `c?`, 'it\\'s ?', ? -- x?\n, ? # y?\n/* z? */", [
        1,
        "x",
        null,
      ]),
    ).toBe("SELECT 1, 'a?', \"b?\", `c?`, 'it\\'s ?', 'x' -- x?\n, NULL # y?\n/* z? */");
  });

  it.each([
    ["SELECT ?, ?", [1]],
    ["SELECT ?", [1, 2]],
  ])("refuses %s with %j", (sql, params) => {
    let error: unknown;
    try {
      inline(sql, params);
    } catch (e) {
      error = e;
    }
    expect(isMigError(error) && error.code).toBe("parameter_count");
  });

  it("claims mysql: and mariadb: URLs and states its capabilities", () => {
    expect(dialect.schemes).toEqual(["mysql", "mariadb"]);
    expect(dialect.capabilities).toEqual({
      transactionalDDL: false,
      supportsSchemas: true,
      alterColumn: "native",
      multipleConnections: true,
      comments: true,
      partialIndexes: false,
      expressionIndexes: false,
      defaultReferentialAction: "restrict",
      reusesPreparedStatements: false,
      namesIgnoreCase: false,
    });
    expect([dialect.placeholder, dialect.beginSql, dialect.commitSql]).toEqual([
      "?",
      "START TRANSACTION",
      "COMMIT",
    ]);
  });
});
