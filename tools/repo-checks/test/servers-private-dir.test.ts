import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// A clone in a private directory (as root under /root, or a 0700 `mktemp -d`) must get
// working servers: PostgreSQL runs as the `postgres` user, who cannot enter such a clone.
const DB_SCRIPTS = fileURLToPath(new URL("../../../scripts/db/", import.meta.url));
const base = mkdtempSync(join(tmpdir(), "mig-private-"));
chmodSync(base, 0o700);
const repo = join(base, "clone");
mkdirSync(join(repo, "scripts", "db"), { recursive: true });
for (const name of ["postgres.sh", "mariadb.sh"]) {
  copyFileSync(join(DB_SCRIPTS, name), join(repo, "scripts", "db", name));
}

function server(name: string, command: string) {
  // The test command's own servers run from the real clone; these pick other free ports.
  const r = spawnSync("bash", [join(repo, "scripts", "db", `${name}.sh`), command], {
    encoding: "utf8",
    env: { ...process.env, MIG_PG_PORT: "", MIG_MYSQL_PORT: "" },
  });
  return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

function psqlBin(): string {
  const dir = readdirSync("/usr/lib/postgresql").sort().reverse()[0];
  return `/usr/lib/postgresql/${dir}/bin/psql`;
}

afterAll(() => {
  server("postgres", "destroy");
  server("mariadb", "destroy");
  rmSync(base, { recursive: true, force: true });
});

describe("database servers started from a clone in a private directory", () => {
  it("PostgreSQL starts, answers, and leaves nothing behind after destroy", () => {
    const start = server("postgres", "start");
    expect(start.code, start.stderr).toBe(0);
    const url = start.stdout.split("\n").at(-1)!;
    expect(url).toMatch(/^postgres:\/\/mig:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
    const q = spawnSync(psqlBin(), [url, "-XAtc", "SELECT 40 + 2"], { encoding: "utf8" });
    expect(q.stdout.trim(), q.stderr).toBe("42");
    const status = server("postgres", "status");
    expect(status.code).toBe(0);
    expect(status.stderr).not.toContain("mig-secret-pw");

    const located = join(repo, ".servers", "postgres", "data-location");
    const elsewhere = existsSync(located)
      ? spawnSync("cat", [located], { encoding: "utf8" }).stdout.trim()
      : undefined;
    expect(server("postgres", "destroy").code).toBe(0);
    if (elsewhere) expect(existsSync(elsewhere)).toBe(false);
  });

  it("MariaDB starts and answers", () => {
    const start = server("mariadb", "start");
    expect(start.code, start.stderr).toBe(0);
    const url = new URL(start.stdout.split("\n").at(-1)!);
    const q = spawnSync(
      "mariadb",
      [
        "-h127.0.0.1",
        `-P${url.port}`,
        `-u${decodeURIComponent(url.username)}`,
        "-Nse",
        "SELECT 40 + 2",
      ],
      { encoding: "utf8", env: { ...process.env, MYSQL_PWD: decodeURIComponent(url.password) } },
    );
    expect(q.stdout.trim(), q.stderr).toBe("42");
    expect(server("mariadb", "destroy").code).toBe(0);
  });
});
