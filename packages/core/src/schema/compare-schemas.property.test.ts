import { describe, expect, test } from "vitest";
import { mutate, random, randomSchema } from "../../test/random-schemas.js";
import { declaredFrom, Model } from "../../test/schema-fixtures.js";
import { compareSchemas } from "./compare-schemas.js";

// MIG_SEED=<n> replays one seed.
const only = process.env.MIG_SEED;
const seeds = only ? [Number(only)] : Array.from({ length: 300 }, (_, i) => i + 1);

describe("compareSchemas on random pairs of schemas", () => {
  test("upgrade turns A into B, downgrade turns it back, A against itself is no change", () => {
    for (const seed of seeds) {
      const r = random(seed);
      const a = randomSchema(r);
      const b = mutate(a, r);
      try {
        const diff = compareSchemas({ live: a, target: b, declared: declaredFrom(b) });
        expect(diff.warnings).toEqual([]);
        expect(diff.downgrade).toHaveLength(diff.upgrade.length);
        const model = Model.of(a).apply(diff.upgrade);
        expect(model.normal()).toEqual(Model.of(b).normal());
        expect(model.apply(diff.downgrade).normal()).toEqual(Model.of(a).normal());
        const again = compareSchemas({ live: b, target: b, declared: declaredFrom(b) });
        expect(again.upgrade).toEqual([]);
        expect(again.changes).toEqual([]);
      } catch (error) {
        throw new Error(`seed ${seed} (replay: MIG_SEED=${seed}): ${(error as Error).message}`);
      }
    }
  });
});
