import { randomBytes } from "node:crypto";

/** A new revision id: 12 random lowercase hex characters, like Alembic's `uuid4().hex[-12:]`. */
export function newRevisionId(): string {
  return randomBytes(6).toString("hex");
}
