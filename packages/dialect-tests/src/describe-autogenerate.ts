import { type DeclaredSchema, defineSchema, type SchemaDiff, type SchemaSnapshot } from "@mig/core";
import { afterEach, describe, expect, test } from "vitest";
import {
  type AutogenerateTraits,
  baseTables,
  type ChangeCase,
  TABLE_CHANGE_CASES,
} from "./describe-autogenerate-corpus.js";
import { KEY_CHANGE_CASES } from "./describe-autogenerate-corpus-keys.js";
import { AutogenerateRun, describeChanges } from "./describe-autogenerate-flow.js";
import { fullSchema } from "./describe-autogenerate-full.js";
import { schemaPair } from "./describe-autogenerate-random.js";
import type { AutogenerateOptions, ConformanceOptions } from "./options.js";
import { TestProject } from "./project.js";

interface RoundTripHooks {
  /** Rows to put in schema A before the change. */
  readonly fill?: (run: AutogenerateRun) => Promise<void>;
  readonly upgraded?: (run: AutogenerateRun, diff: SchemaDiff) => Promise<void>;
  readonly downgraded?: (run: AutogenerateRun) => Promise<void>;
}

/**
 * Columns in name order: a downgrade that adds a dropped column back puts it last (no
 * database but MySQL can add a column at a position), and autogenerate ignores order.
 */
function columnsByName(schema: SchemaSnapshot): SchemaSnapshot {
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  return {
    ...schema,
    tables: schema.tables.map((t) => ({ ...t, columns: [...t.columns].sort(byName) })),
  };
}

/** Every declared change the corpus makes, one test each. */
export const CHANGE_CASES: readonly ChangeCase[] = [...TABLE_CHANGE_CASES, ...KEY_CHANGE_CASES];

/** Pairs the property test runs: the environment wins, so a run can ask for more. */
function pairCount(options: AutogenerateOptions): number {
  const env = Number(process.env.MIG_AUTOGENERATE_PAIRS);
  return Number.isInteger(env) && env > 0 ? env : (options.pairs ?? 12);
}

function firstSeed(): number {
  const env = Number(process.env.MIG_AUTOGENERATE_SEED);
  return Number.isInteger(env) ? env : 1;
}

/**
 * The autogenerate part of the conformance suite, as a user runs it: declare a schema,
 * compare, write the rendered operations as a migration, `upgrade()`, compare again (clean),
 * `downgrade()` one step and expect the schema `introspect()` read before. Test names all
 * contain "autogenerate", so `-t autogenerate` selects them.
 */
export function describeAutogenerate(options: ConformanceOptions): void {
  const kit: AutogenerateOptions =
    typeof options.autogenerate === "object" ? options.autogenerate : {};
  const dialect = options.dialect();
  const traits: AutogenerateTraits = {
    capabilities: dialect.capabilities,
    enumValues: kit.enumValues ?? false,
  };
  const projects: TestProject[] = [];
  const start = async () => {
    const project = await TestProject.create(options);
    projects.push(project);
    return new AutogenerateRun(dialect, project);
  };

  /** A → B, clean, back to A exactly. */
  async function roundTrip(
    a: DeclaredSchema,
    b: DeclaredSchema,
    what: string,
    hooks: RoundTripHooks = {},
  ): Promise<void> {
    const run = await start();
    await run.migrate(a, "schema A");
    await run.expectClean(a, `${what}: after applying schema A`);
    await hooks.fill?.(run);
    const before = columnsByName(await run.snapshot());
    const diff = await run.migrate(b, what);
    expect(describeChanges(diff).length, `${what}: the change is detected`).toBeGreaterThan(0);
    await hooks.upgraded?.(run, diff);
    await run.expectClean(b, `${what}: after the upgrade`);
    await run.downgradeOne();
    expect(
      columnsByName(await run.snapshot()),
      `${what}: the downgrade restores the schema`,
    ).toEqual(before);
    await run.expectClean(a, `${what}: after the downgrade`);
    await hooks.downgraded?.(run);
  }

  async function changeCase(c: ChangeCase, p: string): Promise<void> {
    const keeps = c.keeps;
    const q = (name: string) => dialect.qualify({ name: `${p}${name}` });
    const id = (name: string) => dialect.quoteIdentifier(name);
    const kept = async (run: AutogenerateRun, table: string, column: string, when: string) => {
      const rows = await run.query(`SELECT ${id(column)} AS v FROM ${q(table)} WHERE id = 1`);
      expect(
        rows.map((r) => r.v),
        `${c.name}: the row is kept ${when}`,
      ).toEqual(["kept"]);
    };
    await roundTrip(defineSchema((c.base ?? baseTables)(p)), defineSchema(c.change(p)), c.name, {
      upgraded: async (run, diff) => {
        const unexpected = diff.changes.filter((k) => !c.kinds.includes(k.kind));
        expect(
          unexpected.length === 0 ? [] : describeChanges(diff),
          `${c.name}: only ${c.kinds.join(" / ")} changes`,
        ).toEqual([]);
        if (keeps) await kept(run, keeps.table, keeps.column, "by the upgrade");
      },
      ...(keeps && {
        fill: (run) =>
          run.execute([`INSERT INTO ${q("child")} (id, label, qty) VALUES (1, 'kept', 3)`]),
        downgraded: (run) => kept(run, "child", "label", "by the downgrade"),
      }),
    });
  }

  describe("autogenerate", () => {
    afterEach(async () => {
      await Promise.all(projects.splice(0).map((p) => p.dispose()));
    });

    for (const [i, c] of CHANGE_CASES.entries()) {
      if (c.applies && !c.applies(traits)) continue;
      test(`autogenerate change: ${c.name}`, () => changeCase(c, `ag${i}_`), 120_000);
    }

    const seed = firstSeed();
    for (let k = 0; k < pairCount(kit); k++) {
      const s = seed + k;
      test(`autogenerate property: seed ${s} (MIG_AUTOGENERATE_SEED=${s} MIG_AUTOGENERATE_PAIRS=1)`, async () => {
        const pair = schemaPair(s, dialect.capabilities, `s${s}_`);
        await roundTrip(
          defineSchema(pair.a),
          defineSchema(pair.b),
          `seed ${s}: ${pair.mutations.join("; ")}`,
        );
      }, 120_000);
    }

    test("autogenerate: a schema of every type and constraint, unchanged, gives no change", async () => {
      const run = await start();
      const schema = defineSchema(fullSchema("full_", dialect.capabilities));
      const created = await run.migrate(schema, "every type");
      expect(created.changes.length, "the schema is created").toBeGreaterThan(0);
      await run.expectClean(schema, "the unchanged schema");
      await run.downgradeOne();
      const empty = await run.snapshot();
      expect({ tables: empty.tables, enums: empty.enums }, "down to an empty schema").toEqual({
        tables: [],
        enums: [],
      });
      await run.expectClean(defineSchema([]), "an empty database against an empty schema");
    }, 120_000);
  });
}
