/** add post */
import type { Operations } from "@mig/core";

export const revision = "2b3c4d5e6f70";
export const downRevision: string | readonly string[] | null = "1a2b3c4d5e6f";
export const branchLabels: readonly string[] = [];
export const dependsOn: readonly string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  op.createTable("post", {
    id: { type: "integer", primaryKey: true, autoincrement: true },
    account_id: {
      type: "integer",
      nullable: false,
      references: { table: "account", column: "id", onDelete: "cascade" },
    },
    title: { type: "text", nullable: false },
  });
  op.createIndex("post_account_id", "post", ["account_id"]);
}

export async function downgrade(op: Operations): Promise<void> {
  op.dropIndex("post_account_id", { table: "post" });
  op.dropTable("post");
}
