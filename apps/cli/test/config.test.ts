import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { mig, tempDir } from "./run-cli.js";

const SQLITE = fileURLToPath(new URL("../../../packages/sqlite/dist/index.js", import.meta.url));
const script = (rev: string) => `/** ${rev} */
export const revision = "${rev}";
export const downRevision = null;
export async function upgrade(op) { await op.execute("CREATE TABLE t_${rev} (id INTEGER)"); }
export async function downgrade(op) { await op.execute("DROP TABLE t_${rev}"); }
`;

describe("config", () => {
  test("versionTableSchema on a database without schemas: exit 2, said plainly", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "migrations"));
    writeFileSync(
      join(dir, "mig.config.mjs"),
      `import { createDialect } from ${JSON.stringify(SQLITE)};\nexport default { url: "sqlite:./app.db", dialects: [createDialect()], versionTableSchema: "ops" };\n`,
    );
    const r = mig(dir, ["current"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      'Error: versionTableSchema is "ops", but the sqlite dialect has no schemas.',
      "Leave versionTableSchema out of mig.config for this database.",
    ]);
  });

  test("a config that exports a promise: waited for, and its failure named as the config's", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "migrations"));
    writeFileSync(join(dir, "migrations", "0001.ts"), script("aaaa00000001"));
    const config = (body: string) =>
      writeFileSync(
        join(dir, "mig.config.mjs"),
        `import { createDialect } from ${JSON.stringify(SQLITE)};\nexport default ${body};\n`,
      );
    config('Promise.resolve({ url: "sqlite:./app.db", dialects: [createDialect()] })');
    const ok = mig(dir, ["up"]);
    expect(ok.code, ok.stderr).toBe(0);
    config(
      'new Promise((_, reject) => setTimeout(() => reject(new Error("vault unreachable")), 10))',
    );
    const r = mig(dir, ["current"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      "Error: Cannot load mig.config.mjs:2: vault unreachable",
      "Fix the error at that line (run with --verbose for the full trace).",
    ]);
  });

  test("several databases in one config, chosen with --name; -x and --tag reach the hooks", () => {
    const dir = tempDir();
    for (const name of ["main", "audit"]) mkdirSync(join(dir, name));
    writeFileSync(join(dir, "main", "0001.ts"), script("aaaa00000001"));
    writeFileSync(join(dir, "audit", "0001.ts"), script("bbbb00000001"));
    writeFileSync(
      join(dir, "mig.config.mjs"),
      `import { writeFileSync } from "node:fs";
import { createDialect } from ${JSON.stringify(SQLITE)};
export default {
  dialects: [createDialect()],
  beforeMigrate: ({ x, command, tag }) => writeFileSync(${JSON.stringify(join(dir, "hook.json"))}, JSON.stringify({ x, command, tag })),
  databases: {
    main: { url: "sqlite:./main.db", scriptLocation: "main" },
    audit: { url: "sqlite:./audit.db", scriptLocation: "audit" },
  },
};
`,
    );
    expect(mig(dir, ["up", "--name", "audit", "-x", "tenant=acme", "--tag", "v1.2"]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "hook.json"), "utf8"))).toEqual({
      x: { tenant: "acme" },
      command: "upgrade",
      tag: "v1.2",
    });
    expect(mig(dir, ["current", "--name", "audit"]).stdout).toBe("bbbb00000001 (head)\n");
    expect(mig(dir, ["current", "--name", "main"]).stdout).toBe("base (no migrations applied)\n");
    expect(mig(dir, ["heads", "--name", "main"]).stdout).toBe("aaaa00000001 (head)\n");
    const unknown = mig(dir, ["heads", "--name", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("No database named 'nope' in the config.");
  });

  test("DATABASE_URL is used when the config names no URL, and --url wins over both", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "migrations"));
    writeFileSync(join(dir, "migrations", "0001.ts"), script("cccc00000001"));
    writeFileSync(
      join(dir, "mig.config.mjs"),
      `import { createDialect } from ${JSON.stringify(SQLITE)};\nexport default { dialects: [createDialect()] };\n`,
    );
    expect(mig(dir, ["up"], { DATABASE_URL: "sqlite:./env.db" }).code).toBe(0);
    expect(mig(dir, ["current"], { DATABASE_URL: "sqlite:./env.db" }).stdout).toBe(
      "cccc00000001 (head)\n",
    );
    expect(
      mig(dir, ["current", "--url", "sqlite:./other.db"], { DATABASE_URL: "sqlite:./env.db" })
        .stdout,
    ).toBe("base (no migrations applied)\n");
  });

  test("a JSON config, and a TypeScript config named with --config", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "db"));
    writeFileSync(
      join(dir, "db", "0001.sql"),
      "-- revision: dddd00000001\n-- down_revision: none\n-- message: d\n\n-- migrate:up\nCREATE TABLE d (id INTEGER);\n\n-- migrate:down\nDROP TABLE d;\n",
    );
    writeFileSync(
      join(dir, "mig.config.json"),
      JSON.stringify({ scriptLocation: "db", versionTable: "schema_version" }),
    );
    expect(mig(dir, ["heads"]).stdout).toBe("dddd00000001 (head)\n");
    writeFileSync(
      join(dir, "ts.config.ts"),
      `import { createDialect } from ${JSON.stringify(SQLITE)};\nconst config: { url: string; scriptLocation: string } = { url: "sqlite:./ts.db", scriptLocation: "db" };\nexport default { ...config, dialects: [createDialect()] };\n`,
    );
    const up = mig(dir, ["--config", "ts.config.ts", "up"]);
    expect(up.code, up.stderr).toBe(0);
    expect(mig(dir, ["--config", "ts.config.ts", "status"]).stdout).toContain("Up to date.");
  });
});
