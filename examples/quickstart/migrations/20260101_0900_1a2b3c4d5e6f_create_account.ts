/** create account */
import { type Operations, sql, t } from "@mig/core";

export const revision = "1a2b3c4d5e6f";
export const downRevision: string | readonly string[] | null = null;
export const branchLabels: readonly string[] = [];
export const dependsOn: readonly string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  op.createTable(
    "account",
    {
      id: { type: "integer", primaryKey: true, autoincrement: true },
      email: { type: t.varchar(255), nullable: false, unique: true },
      created_at: { type: "timestamp", nullable: false, default: sql("CURRENT_TIMESTAMP") },
    },
    { comment: "People who can sign in" },
  );
}

export async function downgrade(op: Operations): Promise<void> {
  op.dropTable("account");
}
