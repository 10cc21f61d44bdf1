import { t } from "@mig/core";
import { type Db, freshDb, migrate, rows } from "./operations-helpers.js";

export const users = { name: "users" };

/** teams <- users (autoincrement key, check, index, named FK) with two rows. */
export async function seeded(): Promise<Db> {
  const db = await freshDb();
  await migrate(db, async (op) => {
    await op.createTable("teams", {
      id: { type: "integer", primaryKey: true },
      name: { type: "text" },
    });
    await op.createTable(
      "users",
      {
        id: { type: "integer", primaryKey: true, autoincrement: true },
        email: { type: t.varchar(100), nullable: false },
        age: { type: "integer" },
        team_id: { type: "integer", references: { table: "teams", column: "id", name: "fk_team" } },
        status: { type: "text", default: "active" },
      },
      // Quoted as SQLite's RENAME COLUMN rewrites it, so a rename and back leaves it as it was.
      { checks: [{ name: "age_positive", expression: '"age" > 0' }] },
    );
    await op.createIndex("ix_users_age", "users", ["age"]);
    await op.bulkInsert("teams", [{ id: 1, name: "red" }]);
    await op.bulkInsert("users", [
      { email: "a@x", age: 30, team_id: 1 },
      { email: "b@x", age: 40, team_id: null },
    ]);
  });
  return db;
}

export const userRows = (db: Db) =>
  rows(db, `SELECT id, email, age, team_id FROM users ORDER BY id`).then((r) =>
    r.map((x) => ({ ...x })),
  );
