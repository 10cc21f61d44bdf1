import { type AlterColumnChanges, type ExistingColumn, type Operation, sql, t } from "@mig/core";
import { beforeEach, describe, expect, it } from "vitest";
import { table, useHarness } from "./operations-harness.js";

const h = useHarness("alter");

beforeEach(async () => {
  await h().op.execute(
    "CREATE TABLE items (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'key', qty INT NOT NULL DEFAULT 5 COMMENT 'how many', label VARCHAR(20) NULL, touched DATETIME NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)",
  );
  await h().op.flush();
});

const alter = (
  column: string,
  changes: AlterColumnChanges,
  existing?: ExistingColumn,
): Operation => ({
  kind: "alterColumn",
  table: table("items"),
  column,
  changes,
  existing,
});

const column = (
  snapshot: { tables: readonly { columns: readonly { name: string }[] }[] },
  name: string,
) => snapshot.tables[0]!.columns.find((c) => c.name === name) as Record<string, unknown>;

describe("alterColumn with existing", () => {
  const qty: ExistingColumn = {
    type: "integer",
    nullable: false,
    default: 5,
    comment: "how many",
    autoincrement: false,
  };

  it("changes the type, keeping what existing says", async () => {
    await h().roundTrip(alter("qty", { type: "bigint" }, qty), (after) =>
      expect(column(after, "qty")).toMatchObject({
        type: "bigint(20)",
        nullable: false,
        default: "5",
        comment: "how many",
      }),
    );
  });

  it("changes nullability", async () => {
    await h().roundTrip(alter("qty", { nullable: true }, qty), (after) =>
      expect(column(after, "qty")).toMatchObject({ type: "int(11)", nullable: true, default: "5" }),
    );
  });

  it("sets a default (an SQL expression) and drops one", async () => {
    const label = { type: t.varchar(20), nullable: true, default: null, comment: null };
    await h().roundTrip(alter("label", { default: sql("concat('a', 'b')") }, label), (after) =>
      expect(column(after, "label").default).toBe("concat('a','b')"),
    );
    await h().roundTrip(alter("qty", { default: null }, qty), (after) =>
      expect(column(after, "qty").default).toBeNull(),
    );
  });

  it("changes and drops a comment", async () => {
    await h().roundTrip(alter("qty", { comment: "it's \\ counted" }, qty), (after) =>
      expect(column(after, "qty").comment).toBe("it's \\ counted"),
    );
    await h().roundTrip(alter("qty", { comment: null }, qty), (after) =>
      expect(column(after, "qty").comment).toBeNull(),
    );
  });

  it("renames a column, alone and with a type change", async () => {
    await h().roundTrip(alter("label", { newName: "title" }), (after) =>
      expect(after.tables[0]!.columns.map((c) => c.name)).toContain("title"),
    );
    await h().roundTrip(alter("qty", { newName: "count", type: "smallint" }, qty), (after) =>
      expect(column(after, "count")).toMatchObject({ type: "smallint(6)", default: "5" }),
    );
  });
});

describe("alterColumn without existing reads the column first", () => {
  it("changes the type and keeps the default and comment", async () => {
    await h().roundTrip(
      alter("qty", { type: "bigint" }),
      (after) =>
        expect(column(after, "qty")).toMatchObject({
          type: "bigint(20)",
          nullable: false,
          default: "5",
          comment: "how many",
        }),
      alter("qty", { type: "integer" }),
    );
  });

  it("changes nullability and keeps ON UPDATE", async () => {
    await h().roundTrip(
      alter("touched", { nullable: false }),
      (after) =>
        expect(column(after, "touched")).toMatchObject({
          nullable: false,
          default: "current_timestamp() ON UPDATE current_timestamp()",
        }),
      alter("touched", { nullable: true }),
    );
  });

  it("changes a comment and keeps AUTO_INCREMENT", async () => {
    await h().roundTrip(
      alter("id", { comment: "the key" }),
      (after) =>
        expect(column(after, "id")).toMatchObject({ comment: "the key", autoincrement: true }),
      alter("id", { comment: "key" }),
    );
  });

  it("sets and drops a default without reading anything", async () => {
    await h().roundTrip(
      alter("label", { default: "none" }),
      (after) => expect(column(after, "label").default).toBe("'none'"),
      alter("label", { default: null }),
    );
  });

  it("renames and changes the type in one CHANGE", async () => {
    await h().roundTrip(
      alter("qty", { newName: "count", nullable: true }),
      (after) =>
        expect(column(after, "count")).toMatchObject({
          nullable: true,
          default: "5",
          comment: "how many",
        }),
      alter("count", { newName: "qty", nullable: false }),
    );
  });

  it("names a missing column plainly", async () => {
    await expect(h().run(alter("nope", { type: "bigint" }))).rejects.toMatchObject({
      code: "mysql_column_not_found",
    });
  });
});
