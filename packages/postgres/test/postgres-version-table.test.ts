import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDialect } from "../src/index.js";
import { withConnection } from "./connection-helper.js";
import { createTestDatabase, type TestDatabase } from "./helpers.js";

// The checked version change a step sends with its COMMIT (one round trip fewer per step).
describe("PostgreSQL checked version change", () => {
  const dialect = createDialect();
  const sql = dialect.versionTable;
  const table = { name: "mig_version" };
  const failure = "Expected one version row when updating 'a' to 'b' in mig_version; found ";
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase("vt");
    await withConnection(db.url, async (c) => {
      await c.execute(sql.create(table));
      await c.execute(sql.insert(table, "a"));
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  test("the dialect checks version changes in the database", () => {
    expect(sql.expectOneRow).toBeTypeOf("function");
  });

  test("a change that finds no row fails with the count; the rest of the round trip never runs", async () => {
    const rows = await withConnection(db.url, async (c) => {
      await c.begin();
      const missing = sql.expectOneRow!(sql.update(table, "zz", "b"), failure);
      const error = await c
        .execute(`${missing}; INSERT INTO mig_version VALUES ('c'); COMMIT`)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((error as Error).message).toBe(`${failure}0.`);
      await c.rollback();
      return c.query<{ version_num: string }>(sql.select(table));
    });
    expect(rows.map((r) => r.version_num)).toEqual(["a"]);
  });

  test("a change that finds its row applies, whatever the literals hold", async () => {
    const rows = await withConnection(db.url, async (c) => {
      // A revision holding a quote and the dollar-quote tag still renders one valid statement.
      const odd = "b'$mig$";
      await c.execute(sql.expectOneRow!(sql.update(table, "a", odd), failure));
      await c.execute(sql.expectOneRow!(sql.update(table, odd, "b"), failure));
      return c.query<{ version_num: string }>(sql.select(table));
    });
    expect(rows.map((r) => r.version_num)).toEqual(["b"]);
  });
});
