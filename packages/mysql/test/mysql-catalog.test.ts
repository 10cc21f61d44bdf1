import { describe, expect, it } from "vitest";
import { type ColumnRow, columnSnapshot } from "../src/mysql-catalog.js";

/** A COLUMNS row as MySQL 8 prints it (the test server is MariaDB, which spells it already). */
const row = (more: Partial<ColumnRow>): ColumnRow => ({
  TABLE_NAME: "t",
  COLUMN_NAME: "c",
  COLUMN_TYPE: "timestamp",
  IS_NULLABLE: "YES",
  COLUMN_DEFAULT: null,
  EXTRA: "",
  COLUMN_COMMENT: "",
  GENERATION_EXPRESSION: "",
  COLLATION_NAME: null,
  ...more,
});

describe("MySQL 8 column rows", () => {
  it("spell CURRENT_TIMESTAMP as MariaDB does", () => {
    const read = (more: Partial<ColumnRow>) => columnSnapshot(row(more), false).default;
    expect(read({ COLUMN_DEFAULT: "CURRENT_TIMESTAMP", EXTRA: "DEFAULT_GENERATED" })).toBe(
      "current_timestamp()",
    );
    expect(
      read({
        COLUMN_TYPE: "datetime(3)",
        COLUMN_DEFAULT: "CURRENT_TIMESTAMP(3)",
        EXTRA: "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)",
      }),
    ).toBe("current_timestamp(3) ON UPDATE current_timestamp(3)");
    // Text that merely says CURRENT_TIMESTAMP stays a string literal.
    expect(read({ COLUMN_TYPE: "varchar(20)", COLUMN_DEFAULT: "CURRENT_TIMESTAMP" })).toBe(
      "'CURRENT_TIMESTAMP'",
    );
  });

  it("read a generated column from EXTRA, with no default", () => {
    const c = columnSnapshot(
      row({ COLUMN_TYPE: "int", EXTRA: "VIRTUAL GENERATED", GENERATION_EXPRESSION: "(`a` * 2)" }),
      false,
    );
    expect(c).toMatchObject({
      generated: { expression: "(`a` * 2)", stored: false },
      default: null,
    });
  });
});
