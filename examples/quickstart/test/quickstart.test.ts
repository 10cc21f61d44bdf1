import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDatabaseUrl } from "@mig/core";
import { createDialect } from "@mig/sqlite";
import { expect, test } from "vitest";

const here = fileURLToPath(new URL("..", import.meta.url));
const bin = fileURLToPath(new URL("../node_modules/.bin/mig", import.meta.url));

function mig(cwd: string, ...args: string[]) {
  const r = spawnSync(bin, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("the quick start migrates to its merge head and back", () => {
  const db = join(mkdtempSync(join(tmpdir(), "mig-quickstart-")), "qs.db");
  const url = `sqlite:///${db}`;
  try {
    const up = mig(here, "up", "--url", url);
    expect(up.code, up.stderr).toBe(0);
    expect(mig(here, "current", "--url", url).stdout).toBe("4d5e6f708192 (audit) (head)\n");
    expect(mig(here, "status", "--url", url).stdout).toContain("Up to date.");
    expect(mig(here, "down", "base", "--url", url).code).toBe(0);
    expect(mig(here, "current", "--url", url).stdout).toBe("base (no migrations applied)\n");
    const sql = mig(here, "up", "--sql", "--url", url);
    expect(sql.stdout).toContain('CREATE TABLE "audit_log"');
    expect(sql.stdout).toContain(`INSERT INTO "account" ("email") VALUES ('admin@example.com')`);
  } finally {
    rmSync(join(db, ".."), { recursive: true, force: true });
  }
});

test("the migrations' operations build the schema, and the batch copy keeps the posts", async () => {
  const db = join(mkdtempSync(join(tmpdir(), "mig-quickstart-")), "qs.db");
  const url = `sqlite:///${db}`;
  const dialect = createDialect();
  try {
    expect(mig(here, "up", "2b3c4d5e6f70", "--url", url).code).toBe(0);
    const source = await dialect.connect(parseDatabaseUrl(url), {});
    const connection = await source.acquire();
    await connection.execute("INSERT INTO account (email) VALUES ('ada@example.com')");
    await connection.execute("INSERT INTO post (account_id, title) VALUES (1, 'Hello')");
    await source.close();

    const up = mig(here, "up", "--url", url);
    expect(up.code, up.stderr).toBe(0);
    const after = await dialect.connect(parseDatabaseUrl(url), {});
    const c = await after.acquire();
    const schema = await dialect.introspect(c, { exclude: ["mig_version", "mig_log"] });
    expect(schema.tables.map((t) => t.name)).toEqual(["account", "audit_log", "post"]);
    const post = schema.tables.find((t) => t.name === "post")!;
    expect(post.columns.map((col) => `${col.name} ${col.type}`)).toEqual([
      // SQLite keeps a type as the CREATE TABLE spelled it; mig writes them in capitals.
      "id INTEGER",
      "account_id INTEGER",
      "title VARCHAR(200)",
      "published BOOLEAN",
    ]);
    expect(post.foreignKeys[0]).toMatchObject({ referencedTable: "account", onDelete: "cascade" });
    expect(post.indexes.map((i) => i.name)).toEqual(["post_account_id"]);
    expect(await c.query("SELECT title, published FROM post")).toEqual([
      { title: "Hello", published: 0 },
    ]);
    await after.close();
  } finally {
    rmSync(join(db, ".."), { recursive: true, force: true });
  }
});

test("start.mjs migrates at application start-up", () => {
  const dir = mkdtempSync(join(tmpdir(), "mig-quickstart-app-"));
  try {
    const r = spawnSync(process.execPath, [join(here, "start.mjs")], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `sqlite:///${join(dir, "app.db")}` },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("migrated: 4 step(s); database at 4d5e6f708192");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
