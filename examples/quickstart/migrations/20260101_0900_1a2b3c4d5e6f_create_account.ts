/** create account */
import type { Operations } from "@mig/core";

export const revision = "1a2b3c4d5e6f";
export const downRevision: string | readonly string[] | null = null;
export const branchLabels: readonly string[] = [];
export const dependsOn: readonly string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  await op.execute(`CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
  )`);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.execute("DROP TABLE account");
}
