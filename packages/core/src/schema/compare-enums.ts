import { enumOfType } from "./live-definition.js";
import type { CompareContext } from "./match-tables.js";
import { change, type PendingChange, Phase, same, tableKey } from "./schema-changes.js";
import type { EnumSnapshot, SchemaSnapshot } from "./schema-snapshot.js";

/**
 * Enum type changes (PostgreSQL). Changed values are an `alterEnum`, before any table.
 * A new enum is created by the first createTable / addColumn / alterColumn that uses it,
 * and an enum no column uses any more is dropped by the dialect with its last column
 * (operations carry enum-typed columns as enums for that), so those two changes are
 * reported but carry no operation of their own. An enum no compared column used is
 * left alone, with a warning.
 */
export function compareEnums(
  live: SchemaSnapshot,
  target: SchemaSnapshot,
  ctx: CompareContext,
): PendingChange[] {
  const keyOf = (e: EnumSnapshot) => tableKey(e.schema, e.name, ctx.defaultSchema);
  const goals = new Map(target.enums.map((e) => [keyOf(e), e]));
  const out: PendingChange[] = [];
  const seen = new Set<string>();
  for (const was of live.enums) {
    const key = keyOf(was);
    seen.add(key);
    const goal = goals.get(key);
    const name = was.schema === undefined ? was.name : `${was.schema}.${was.name}`;
    if (goal === undefined) {
      if (usedByLiveColumn(live, was)) {
        out.push(
          change(
            "dropEnum",
            undefined,
            was.name,
            `drop enum ${name} (with the last column that uses it)`,
            [],
          ),
        );
      } else {
        ctx.warnings.push(
          `enum ${name} is used by no column autogenerate compares; it is left alone`,
        );
      }
      continue;
    }
    if (same(was.values, goal.values)) continue;
    const removed = was.values.filter((v) => !goal.values.includes(v));
    out.push(
      change(
        "alterEnum",
        undefined,
        was.name,
        `alter enum ${name}: (${was.values.join(", ")}) → (${goal.values.join(", ")})`,
        [
          {
            phase: Phase.enums,
            op: {
              kind: "alterEnum",
              name: was.name,
              ...(was.schema === undefined ? {} : { schema: was.schema }),
              values: goal.values,
              existing: was.values,
            },
          },
        ],
        removed.length === 0
          ? undefined
          : `removes ${removed.map((v) => `'${v}'`).join(", ")} from enum ${name}: fails if rows use them`,
      ),
    );
  }
  for (const [key, goal] of goals) {
    if (seen.has(key)) continue;
    const name = goal.schema === undefined ? goal.name : `${goal.schema}.${goal.name}`;
    out.push(
      change(
        "addEnum",
        undefined,
        goal.name,
        `add enum ${name} (${goal.values.join(", ")}) (with the first column that uses it)`,
        [],
      ),
    );
  }
  return out;
}

function usedByLiveColumn(live: SchemaSnapshot, e: EnumSnapshot): boolean {
  return live.tables.some((t) => t.columns.some((c) => enumOfType(c.type, [e]) !== undefined));
}
