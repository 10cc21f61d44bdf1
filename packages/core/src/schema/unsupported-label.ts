import type { UnsupportedObject } from "./schema-snapshot.js";

/**
 * An object mig does not model, as its warnings name it: `trigger app.audit on users`,
 * `view v`, `partitioned table t` (a table that is itself the object is not "on" itself).
 */
export function unsupportedLabel(o: UnsupportedObject, schema = o.schema): string {
  const name = schema === undefined ? o.name : `${schema}.${o.name}`;
  const on = o.table === undefined || o.table === o.name ? "" : ` on ${o.table}`;
  return `${o.kind} ${name}${on}`;
}
