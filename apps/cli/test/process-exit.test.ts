import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { BIN, mig, sqliteProject, tableScript } from "./run-cli.js";

// bin/mig.js leaves at once when a command is done and nothing else is pending; anything
// still pending gets Node's ordinary exit, which waits for it.

describe("leaving when the command is done", () => {
  test("a hook's unawaited timer still runs before the process ends", () => {
    const dir = sqliteProject();
    const marker = join(dir, "after-exit.txt");
    const config = readFileSync(join(dir, "mig.config.mjs"), "utf8").replace(
      " };\n",
      `, afterMigrate: () => { setTimeout(() => writeFileSync(${JSON.stringify(marker)}, "written"), 300); } };\n`,
    );
    writeFileSync(
      join(dir, "mig.config.mjs"),
      `import { writeFileSync } from "node:fs";\n${config}`,
    );
    writeFileSync(join(dir, "migrations", "0001.mjs"), tableScript("aaaa00000001", null, "t1"));
    const r = mig(dir, ["up"]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(marker) && readFileSync(marker, "utf8")).toBe("written");
  });

  test("long output through a pipe arrives whole, with the exit code", () => {
    const dir = sqliteProject();
    const ids = Array.from({ length: 400 }, (_, i) => `b${String(i).padStart(11, "0")}`);
    ids.forEach((id, i) => {
      writeFileSync(
        join(dir, "migrations", `${String(i).padStart(4, "0")}.mjs`),
        tableScript(id, i === 0 ? null : ids[i - 1]!, `t${i}`),
      );
    });
    const r = mig(dir, ["history"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(400);
    expect(lines.at(-1)).toBe(`<base> -> ${ids[0]}, ${ids[0]}`);
    const bad = mig(dir, ["up", "--url", "nosuch://x"]);
    expect(bad.code).not.toBe(0);
  });
});

/** Runs mig with `closed`'s read end closed before it writes a byte; its exit code. */
function withClosed(dir: string, args: readonly string[], closed: "stdout" | "stderr") {
  return new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child[closed].destroy();
    const other = closed === "stdout" ? child.stderr : child.stdout;
    other.resume();
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
}

describe("a reader that goes away", () => {
  // `mig up 2>&1 | head -1`: the run goes on to the end; only its output is dropped.
  test("a closed stderr does not stop `up` half way", async () => {
    const dir = sqliteProject();
    const ids = ["c0000000000a", "c0000000000b", "c0000000000c"];
    ids.forEach((id, i) => {
      writeFileSync(
        join(dir, "migrations", `${i}.mjs`),
        tableScript(id, i === 0 ? null : ids[i - 1]!, `t${i}`),
      );
    });
    expect(await withClosed(dir, ["up"], "stderr")).toBe(0);
    expect(mig(dir, ["current"]).stdout).toBe("c0000000000c (head)\n");
    expect(await withClosed(dir, ["down", "base"], "stderr")).toBe(0);
    expect(mig(dir, ["current"]).stdout).toBe("base (no migrations applied)\n");
  });

  test("a closed stdout: `history | head` and `up --sql | head` end with 0", async () => {
    const dir = sqliteProject();
    writeFileSync(join(dir, "migrations", "0.mjs"), tableScript("d0000000000a", null, "t0"));
    expect(await withClosed(dir, ["history"], "stdout")).toBe(0);
    expect(await withClosed(dir, ["up", "--sql"], "stdout")).toBe(0);
    // A failure keeps its own exit code.
    expect(await withClosed(dir, ["up", "nosuch"], "stderr")).toBe(2);
  });
});
