import { describe, expect, test } from "vitest";
import { mutate, random, randomSchema, rename, unnamed } from "../../test/random-schemas.js";
import { declaredFrom, Model } from "../../test/schema-fixtures.js";
import { compareSchemas } from "./compare-schemas.js";

// MIG_SEED=<n> replays one seed; MIG_SEEDS=<n> runs seeds 1..n (300 by default).
const only = process.env.MIG_SEED;
const seeds = only
  ? [Number(only)]
  : Array.from({ length: Number(process.env.MIG_SEEDS ?? 300) }, (_, i) => i + 1);

describe("compareSchemas on random pairs of schemas", () => {
  test("upgrade turns A into B, downgrade turns it back, A against itself is no change", () => {
    for (const seed of seeds) {
      const r = random(seed);
      let a = randomSchema(r);
      const { schema: b, renames } = rename(mutate(a, r), r);
      // Every third seed: A read without some constraint names (SQLite), from its own stream.
      if (seed % 3 === 0) a = unnamed(a, random(seed + 1_000_000));
      try {
        const declared = declaredFrom(b, renames.tables);
        const diff = compareSchemas({ live: a, target: b, declared });
        expect(diff.warnings).toEqual([]);
        expect(diff.downgrade).toHaveLength(diff.upgrade.length);
        const model = Model.of(a).apply(diff.upgrade);
        expect(model.normal()).toEqual(Model.of(b).normal());
        expect(model.apply(diff.downgrade).normal()).toEqual(Model.of(a).normal());
        const again = compareSchemas({ live: b, target: b, declared });
        expect(again.upgrade).toEqual([]);
        expect(again.changes).toEqual([]);
      } catch (error) {
        throw new Error(`seed ${seed} (replay: MIG_SEED=${seed}): ${(error as Error).message}`);
      }
    }
  });
});
