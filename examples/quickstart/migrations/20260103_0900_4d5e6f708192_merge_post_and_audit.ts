/** merge post and audit */
import { type Operations, t } from "@mig/core";

export const revision = "4d5e6f708192";
export const downRevision: string | readonly string[] | null = ["2b3c4d5e6f70", "3c4d5e6f7081"];
export const branchLabels: readonly string[] = [];
export const dependsOn: readonly string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  // On SQLite these two changes become one copy of the table, rows and all.
  await op.batchAlterTable("post", (batch) => {
    batch.addColumn("published", { type: "boolean", nullable: false, default: false });
    batch.alterColumn("title", { type: t.varchar(200), existing: { type: "text" } });
  });
  op.bulkInsert("account", [{ email: "admin@example.com" }]);
}

export async function downgrade(op: Operations): Promise<void> {
  // A literal, not `?`: placeholders are the driver's (`$1` on PostgreSQL), so this runs on all.
  op.execute("DELETE FROM account WHERE email = 'admin@example.com'");
  await op.batchAlterTable("post", (batch) => {
    batch.alterColumn("title", { type: "text" });
    batch.dropColumn("published");
  });
}
