import { type Connection, type FleetTarget, upgradeAll } from "@mig/core";
import { FleetProject } from "@mig/dialect-tests";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDialect } from "../src/index.js";
import { connect, createTestDatabase, type TestDatabase } from "./helpers.js";

let home: TestDatabase;
let project: FleetProject;
let tenants: string[] = [];
beforeAll(async () => {
  home = await createTestDatabase("fleet");
  tenants = ["a", "b", "c", "d"].map((t) => `${home.name}_${t}`);
  project = new FleetProject();
});
afterAll(async () => {
  project?.dispose();
  if (home) {
    await sql(async (c) => {
      for (const t of tenants) await c.execute(`DROP DATABASE IF EXISTS \`${t}\``);
    });
    await home.drop();
  }
});

async function sql<T>(fn: (c: Connection) => Promise<T>): Promise<T> {
  const source = await connect(home.url, { poolSize: 1 });
  try {
    const c = await source.acquire();
    try {
      return await fn(c);
    } finally {
      await c.release();
    }
  } finally {
    await source.close();
  }
}

/** A database's version rows and tables. */
function inspect(database: string): Promise<{ rows: string[]; tables: string[] }> {
  return sql(async (c) => {
    const tables = (
      await c.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? ORDER BY 1",
        [database],
      )
    ).map((r) => r.name);
    const rows = tables.includes("mig_version")
      ? (
          await c.query<{ v: string }>(`SELECT version_num AS v FROM \`${database}\`.mig_version`)
        ).map((r) => r.v)
      : [];
    return { rows, tables };
  });
}

describe("upgradeAll over MySQL databases as schemas", () => {
  it("creates and migrates each target's database; one fails alone and a rerun finishes it", async () => {
    const targets: FleetTarget[] = tenants.map((schema, i) => ({ name: `t${i}`, schema }));
    await sql(async (c) => {
      await c.execute(`CREATE DATABASE \`${tenants[2]}\``);
      await c.execute(`CREATE TABLE \`${tenants[2]}\`.invoices (id INTEGER PRIMARY KEY)`);
    });
    const options = { cwd: project.dir, url: home.url, dialects: [createDialect()] };
    const first = await upgradeAll(targets, options);
    expect(first.ok).toBe(false);
    expect(first.targets.map((t) => [t.name, t.status, t.to])).toEqual([
      ["t0", "applied", ["f0003"]],
      ["t1", "applied", ["f0003"]],
      ["t2", "failed", ["f0001"]],
      ["t3", "applied", ["f0003"]],
    ]);
    expect(first.targets[2]?.error?.message).toMatch(/invoices/);
    for (const [i, t] of tenants.entries()) {
      expect(await inspect(t)).toEqual(
        i === 2
          ? { rows: ["f0001"], tables: ["accounts", "invoices", "mig_log", "mig_version"] }
          : {
              rows: ["f0003"],
              tables: ["accounts", "invoices", "mig_log", "mig_version", "payments"],
            },
      );
    }
    // The URL's own database got nothing.
    expect((await inspect(home.name)).tables).toEqual([]);

    await sql((c) => c.execute(`DROP TABLE \`${tenants[2]}\`.invoices`));
    const second = await upgradeAll(targets, options);
    expect(second.targets.map((t) => [t.name, t.status, t.steps])).toEqual([
      ["t0", "current", 0],
      ["t1", "current", 0],
      ["t2", "applied", 2],
      ["t3", "current", 0],
    ]);
    expect((await inspect(tenants[2]!)).rows).toEqual(["f0003"]);
  });

  it("gives a pooled connection back on the URL's database", async () => {
    const result = await upgradeAll([{ name: "tenant", schema: tenants[3] }, { name: "plain" }], {
      cwd: project.dir,
      url: home.url,
      dialects: [createDialect()],
      concurrency: 1,
      pool: { poolSize: 1, maxOverflow: 0 },
    });
    expect(result.targets.map((t) => [t.name, t.status])).toEqual([
      ["tenant", "current"],
      ["plain", "applied"],
    ]);
    expect(await inspect(home.name)).toEqual({
      rows: ["f0003"],
      tables: ["accounts", "invoices", "mig_log", "mig_version", "payments"],
    });
  });
});
