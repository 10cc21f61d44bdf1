import { describe, expect, it } from "vitest";
import { dialect, useHarness } from "./operations-harness.js";

const h = useHarness("intro");

describe("introspect", () => {
  it("filters tables, reads another schema, and keeps Foo and foo apart", async () => {
    await h().op.execute("CREATE TABLE Foo (a INT NULL, b JSON NULL, c INT CHECK (c > 0))");
    await h().op.execute("CREATE TABLE foo (z TEXT NOT NULL) COMMENT 'lower'");
    await h().op.execute("CREATE TABLE mig_version (v VARCHAR(32))");
    await h().op.flush();
    const all = await dialect.introspect(h().connection, { exclude: ["mig_version"] });
    expect(all.tables.map((t) => t.name)).toEqual(["Foo", "foo"]);
    const [upper, lower] = all.tables;
    expect(upper).toEqual({
      name: "Foo",
      comment: null,
      extension: null,
      collation: null,
      // A nullable column without a default reads as no default, not the text NULL.
      columns: [
        {
          name: "a",
          type: "int(11)",
          nullable: true,
          default: null,
          autoincrement: false,
          identity: null,
          generated: null,
          collation: null,
          comment: null,
        },
        {
          name: "b",
          type: "json",
          nullable: true,
          default: null,
          autoincrement: false,
          identity: null,
          generated: null,
          collation: null,
          comment: null,
        },
        {
          name: "c",
          type: "int(11)",
          nullable: true,
          default: null,
          autoincrement: false,
          identity: null,
          generated: null,
          collation: null,
          comment: null,
        },
      ],
      primaryKey: null,
      foreignKeys: [],
      uniques: [],
      // A user's column check stays; MariaDB's json_valid() for b does not.
      checks: [{ name: "c", expression: "`c` > 0" }],
      indexes: [],
    });
    expect(lower).toMatchObject({ comment: "lower", columns: [{ name: "z", nullable: false }] });

    const only = await dialect.introspect(h().connection, { tables: ["foo"] });
    expect(only.tables.map((t) => t.name)).toEqual(["foo"]);
    const other = await dialect.introspect(h().connection, {
      schema: h().db.name,
      tables: ["foo"],
    });
    expect(other.tables[0]).toMatchObject({ name: "foo", schema: h().db.name });
    expect(only.enums).toEqual([]);
  });
});
