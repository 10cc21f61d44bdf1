import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

const script = `/** a */
export const revision = "aaaa00000001";
export const downRevision = null;
export async function upgrade(op) { await op.execute("CREATE TABLE a (id INTEGER)"); }
export async function downgrade(op) { await op.execute("DROP TABLE a"); }
`;

/** A project whose hooks write the `-x` values they saw to hook-<command>.json. */
function hookProject(): string {
  const p = sqliteProject(
    "sqlite:./app.db",
    `, beforeMigrate: ({ x, command }) => writeFileSync(\`hook-\${command}.json\`, JSON.stringify(x))`,
  );
  const config = join(p, "mig.config.mjs");
  writeFileSync(
    config,
    `import { writeFileSync } from "node:fs";\n${readFileSync(config, "utf8")}`,
  );
  writeFileSync(join(p, "migrations", "0001_a.mjs"), script);
  return p;
}

const seen = (p: string, command: string) =>
  JSON.parse(readFileSync(join(p, `hook-${command}.json`), "utf8")) as Record<string, string>;

describe("-x key=value goes wherever Alembic users put it", () => {
  test("before the command, after it, before a target, and repeated; the hooks get every pair", () => {
    const p = hookProject();
    const up = mig(p, ["-x", "tenant=acme", "up", "-x", "region=eu", "-x", "dsn=a=b"]);
    expect(up.code, up.stderr).toBe(0);
    expect(seen(p, "upgrade")).toEqual({ tenant: "acme", region: "eu", dsn: "a=b" });
    // `base` after -x is the target, not a second -x value.
    const down = mig(p, ["down", "-x", "a=b", "base"]);
    expect(down.code, down.stderr).toBe(0);
    expect(seen(p, "downgrade")).toEqual({ a: "b" });
    expect(mig(p, ["current"]).stdout).toBe("base (no migrations applied)\n");
    // A global -x before the command and a target after it.
    expect(mig(p, ["-x", "k=v", "up", "head"]).code).toBe(0);
    expect(seen(p, "upgrade")).toEqual({ k: "v" });
  });

  test("-x without = is a usage error that says the form", () => {
    const p = hookProject();
    for (const args of [
      ["up", "-x", "tenant"],
      ["-x", "tenant", "up"],
      ["down", "-x", "=v", "base"],
    ]) {
      const r = mig(p, args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("-x takes key=value (for example -x tenant=acme).");
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(mig(p, ["current"]).stdout).toBe("base (no migrations applied)\n");
  });
});
