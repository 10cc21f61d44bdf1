import type { ForeignKeyDefinition, TableDefinition } from "@mig/core";

/**
 * A table's foreign keys with those named as the server names unnamed ones (`t_ibfk_1`..
 * `t_ibfk_n`, all of them) unnamed, first and in that order.
 */
export function serverNamedKeys(def: TableDefinition): readonly ForeignKeyDefinition[] {
  const prefix = `${def.table.name}_ibfk_`;
  const number = (fk: ForeignKeyDefinition) => {
    const rest = fk.name?.startsWith(prefix) ? fk.name.slice(prefix.length) : "";
    return /^[1-9]\d*$/.test(rest) ? Number(rest) : undefined;
  };
  const auto = def.foreignKeys.filter((fk) => number(fk) !== undefined);
  auto.sort((a, b) => number(a)! - number(b)!);
  const sequence = auto.length > 0 && auto.every((fk, i) => number(fk) === i + 1);
  if (!sequence || def.foreignKeys.some((fk) => fk.name === undefined)) return def.foreignKeys;
  return [
    ...auto.map((fk) => ({ ...fk, name: undefined })),
    ...def.foreignKeys.filter((fk) => number(fk) === undefined),
  ];
}
