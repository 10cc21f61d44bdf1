import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { graph } from "./graph-fixtures.js";

/**
 * A project directory on disk holding one SQL migration per `graph()` spec ("b:a", "m:a,b",
 * "c:a label=x dep=b"), for the command functions that load a project. Returns its path.
 */
export function graphProject(...specs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "mig-graph-"));
  mkdirSync(join(dir, "migrations"));
  // A URL no dialect serves: a command that reaches for the database fails loudly.
  writeFileSync(join(dir, "mig.config.json"), JSON.stringify({ url: "nodb://x" }));
  for (const h of graph(...specs)) {
    const list = (ids: readonly string[]) => (ids.length ? ids.join(", ") : "none");
    const header = [
      `-- revision: ${h.revision}`,
      `-- down_revision: ${list(h.downRevisions)}`,
      `-- branch_labels: ${list(h.branchLabels)}`,
      `-- depends_on: ${list(h.dependsOn)}`,
      `-- message: ${h.message}`,
      "-- migrate:up",
      "",
    ];
    writeFileSync(join(dir, "migrations", `${h.revision}.sql`), header.join("\n"));
  }
  return dir;
}
