import type { Connection } from "@mig/core/dialect";

export interface GaleraNode {
  /** `wsrep_on` is ON: writes replicate through Galera, and GET_LOCK does not. */
  readonly galera: boolean;
  /** `wsrep_node_name`, for the lock holder's description; empty when not set. */
  readonly nodeName: string;
}

const seen = new WeakMap<Connection, GaleraNode>();

/**
 * Whether the server behind `connection` is a Galera node. MySQL has no `wsrep_*`
 * variables and MariaDB without a provider reports `wsrep_on` OFF: both are not Galera.
 * A session cannot change its server, so the answer is kept per connection.
 */
export async function detectGalera(connection: Connection): Promise<GaleraNode> {
  const known = seen.get(connection);
  if (known) return known;
  const rows = await connection.query<{ Variable_name: string; Value: string | null }>(
    "SHOW VARIABLES WHERE Variable_name IN ('wsrep_on', 'wsrep_node_name')",
  );
  const value = (name: string) => rows.find((r) => r.Variable_name === name)?.Value ?? "";
  const node = {
    galera: value("wsrep_on").toUpperCase() === "ON",
    nodeName: value("wsrep_node_name"),
  };
  seen.set(connection, node);
  return node;
}
