import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

const sqlScript = (rev: string, down: string | null, body: string) =>
  `-- revision: ${rev}\n-- down_revision: ${down ?? ""}\n-- migrate:up\n${body}`;

test("a .sql script with no `-- migrate:down` line is refused on downgrade; an empty section does nothing", () => {
  const dir = sqliteProject();
  writeFileSync(
    join(dir, "migrations", "0001_a.sql"),
    sqlScript("aaaa00000001", null, "CREATE TABLE a (id INT);\n-- migrate:down\n"),
  );
  writeFileSync(
    join(dir, "migrations", "0002_b.sql"),
    sqlScript("bbbb00000002", "aaaa00000001", "CREATE TABLE b (id INT);\n"),
  );
  expect(mig(dir, ["up"]).code).toBe(0);
  // It used to succeed, moving the version table back and leaving table b behind.
  const down = mig(dir, ["down", "-1"]);
  expect(down.code).toBe(1);
  expect(down.stderr).toContain(
    "Error: Downgrade bbbb00000002 failed in migrations/0002_b.sql: the script has no `-- migrate:down` section, so it cannot be downgraded.\n",
  );
  expect(down.stderr).toContain("The database is at bbbb00000002.");
  const offline = mig(dir, ["down", "--sql", "bbbb00000002:aaaa00000001"]);
  expect(offline.code).toBe(1);
  expect(offline.stdout).toBe("");
  // An empty `-- migrate:down` section is a downgrade that does nothing, on purpose.
  writeFileSync(
    join(dir, "migrations", "0002_b.sql"),
    sqlScript(
      "bbbb00000002",
      "aaaa00000001",
      "CREATE TABLE b (id INT);\n-- migrate:down\nDROP TABLE b;\n",
    ),
  );
  expect(mig(dir, ["down", "-1"]).code).toBe(0);
  const base = mig(dir, ["down", "base"]);
  expect(base.code, base.stderr).toBe(0);
  expect(mig(dir, ["current"]).stdout).toBe("base (no migrations applied)\n");
});
