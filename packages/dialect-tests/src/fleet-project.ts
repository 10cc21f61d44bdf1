import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The fleet scenario's three revisions, oldest first: each creates one table. */
export const FLEET_REVISIONS = ["f0001", "f0002", "f0003"] as const;
/** The table each revision creates: a target holding `invoices` already fails at f0002. */
export const FLEET_TABLES = ["accounts", "invoices", "payments"] as const;

/** A throwaway project for fleet tests: three SQL migrations, an optional config body. */
export class FleetProject {
  readonly dir: string;

  constructor(config?: string) {
    this.dir = mkdtempSync(join(tmpdir(), "mig-fleet-"));
    const migrations = join(this.dir, "migrations");
    mkdirSync(migrations);
    FLEET_REVISIONS.forEach((revision, i) => {
      writeFileSync(
        join(migrations, `${revision}.sql`),
        [
          `-- revision: ${revision}`,
          `-- down_revision: ${i === 0 ? "none" : FLEET_REVISIONS[i - 1]}`,
          `-- message: create ${FLEET_TABLES[i]}`,
          "",
          "-- migrate:up",
          `CREATE TABLE ${FLEET_TABLES[i]} (id INTEGER PRIMARY KEY);`,
          "",
          "-- migrate:down",
          `DROP TABLE ${FLEET_TABLES[i]};`,
          "",
        ].join("\n"),
      );
    });
    if (config !== undefined) writeFileSync(join(this.dir, "mig.config.mjs"), config);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
