/** add post */
import type { Operations } from "@mig/core";

export const revision = "2b3c4d5e6f70";
export const downRevision: string | readonly string[] | null = "1a2b3c4d5e6f";
export const branchLabels: readonly string[] = [];
export const dependsOn: readonly string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  await op.execute(`CREATE TABLE post (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id),
    title TEXT NOT NULL
  )`);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.execute("DROP TABLE post");
}
