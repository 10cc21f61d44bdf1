import { describe, expect, test } from "vitest";
import { isSqlExpression } from "../operations/sql-expression.js";
import type { IndexKeySnapshot, TableSnapshot } from "./schema-snapshot.js";
import { snapshotToDefinition } from "./snapshot-to-definition.js";

const table: TableSnapshot = {
  name: "account",
  comment: null,
  extension: null,
  collation: null,
  columns: [
    {
      name: "id",
      type: "integer",
      nullable: false,
      default: null,
      autoincrement: true,
      identity: null,
      generated: null,
      collation: null,
      comment: null,
    },
    {
      name: "email",
      type: "text",
      nullable: true,
      default: "'x'",
      autoincrement: false,
      identity: null,
      generated: null,
      collation: null,
      comment: "e",
    },
  ],
  primaryKey: { name: "account_pkey", columns: ["id"] },
  foreignKeys: [
    {
      name: null,
      columns: ["id"],
      referencedTable: "org",
      referencedColumns: ["id"],
      onDelete: "cascade",
      onUpdate: "no action",
    },
  ],
  uniques: [],
  checks: [{ name: "ck", expression: "id > 0" }],
  indexes: [
    {
      name: "ix",
      columns: ["email", "lower(email)"],
      keys: [key({ column: "email" }), key({ expression: "lower(email)" })],
      unique: false,
      where: null,
      method: null,
      include: [],
    },
  ],
};

function key(k: Partial<IndexKeySnapshot>): IndexKeySnapshot {
  return {
    column: null,
    expression: null,
    descending: false,
    length: null,
    opclass: null,
    collation: null,
    ...k,
  };
}

describe("snapshotToDefinition", () => {
  const def = snapshotToDefinition(table);

  test("types and defaults stay in the database's own spelling", () => {
    expect(def.columns[1]).toMatchObject({ name: "email", type: { kind: "raw", sql: "text" } });
    expect(isSqlExpression(def.columns[1]?.default)).toBe(true);
    expect(def.columns[0]?.default).toBeUndefined();
  });

  test("index keys that name no column are expressions", () => {
    const [column, expression] = def.indexes[0]!.columns;
    expect(column).toBe("email");
    expect(isSqlExpression(expression) && expression.text).toBe("lower(email)");
  });

  test("the dialect's default action is left out; 'no action' stays where it is not the default", () => {
    const mysql = snapshotToDefinition(
      { ...table, foreignKeys: [{ ...table.foreignKeys[0]!, onDelete: "restrict" }] },
      { defaultAction: "restrict" },
    );
    expect(mysql.foreignKeys[0]).toMatchObject({ onDelete: undefined, onUpdate: "no action" });
  });

  test("'no action' is the absence of an action; names and comments carry over", () => {
    expect(def.foreignKeys[0]).toMatchObject({ onDelete: "cascade", onUpdate: undefined });
    expect(def.primaryKey?.name).toBe("account_pkey");
    expect(def.columns[1]?.comment).toBe("e");
  });
});
