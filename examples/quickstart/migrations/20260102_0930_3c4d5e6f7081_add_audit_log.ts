/** add audit log */
import type { Operations } from "@mig/core";

export const revision = "3c4d5e6f7081";
export const downRevision: string | readonly string[] | null = "1a2b3c4d5e6f";
export const branchLabels: readonly string[] = ["audit"];
export const dependsOn: readonly string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  op.createTable("audit_log", {
    id: { type: "integer", primaryKey: true, autoincrement: true },
    account_id: { type: "integer", references: { table: "account", column: "id" } },
    action: { type: "text", nullable: false },
  });
  op.createIndex("audit_log_account", "audit_log", ["account_id"]);
}

export async function downgrade(op: Operations): Promise<void> {
  op.dropIndex("audit_log_account", { table: "audit_log" });
  op.dropTable("audit_log");
}
