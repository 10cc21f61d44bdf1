/**
 * End-to-end differential test: mig's REAL runs against Alembic's, both on real SQLite
 * files. Core's alembic-differential.test.ts compares Alembic with mig's pure planner;
 * this one runs the programmatic `upgrade` / `downgrade` / `stamp` of @mig/core (project
 * loading from TS and SQL script files, the lock, the version table, one transaction per
 * migration) and compares, command by command, the scripts that actually ran (each
 * script logs itself into a table, as oracle.py's do) and the version table's rows with
 * what Alembic 1.8.1 (patched by oracle.py to 1.13+ semantics and sorted load order) did
 * for the same graph and the same command sequence.
 *
 * Inputs: every hand-made graph of core/test/alembic/fixed-graphs.ts (with its own
 * sequences, two random ones and one extra; the invalid ones must be refused with a
 * MigError before anything is written) and MIG_E2E_SEEDS (default 25) random graphs of 4
 * to 15 revisions, in five shapes (one with merges / dependsOn naming an ancestor of
 * another parent), with three random sequences of 8 commands plus one extra sequence of
 * 12 (`head-1`, `stamp --purge`, `stamp heads`, `<label>@head`, `<label>@-1`, partial
 * ids, `<rev>+1`, `base`...). Scripts are TS for half the graphs, SQL for the other half.
 * Each sequence starts on a fresh SQLite file (in /dev/shm when there is one).
 *
 * The acceptance rules are compare.ts's, see alembic-e2e-helpers.ts. After a command
 * that both accepted but left different rows (Alembic crashed, or refused after writing;
 * mig refused an ambiguous `downgrade -1`), mig's database is re-synced to Alembic's rows
 * with mig's `stamp --purge`; a mismatch stops its sequence.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertAlembicAvailable,
  type OracleResult,
  runOracleParallel,
} from "../../core/test/alembic/oracle.js";
import {
  createE2eProject,
  e2eCases,
  emptyE2eTally,
  formatCase,
  migLoadOrder,
  runCase,
} from "./alembic-e2e-helpers.js";

const SEED_COUNT = Number(process.env.MIG_E2E_SEEDS ?? 25);

/** Cases where mig knowingly differs from Alembic: run with `it.fails` (name → reason). */
const KNOWN_DIVERGENCES: Readonly<Record<string, string>> = {};

const cases = e2eCases(SEED_COUNT);
const tally = emptyE2eTally();
let answers: OracleResult[] = [];
let setupError: unknown;

beforeAll(async () => {
  try {
    // Throws when Alembic is not importable: every test below then FAILS with that
    // message (never skips).
    assertAlembicAvailable();
    answers = await runOracleParallel(
      cases.map((c) => {
        // Only the runs are needed here: oracle.py skips the graph queries set to false.
        const queries = {
          runs: c.runs,
          heads: false,
          bases: false,
          history: false,
          branches: false,
        };
        return { revisions: c.headers, queries };
      }),
    );
  } catch (error) {
    setupError = error;
  }
}, 300_000);

afterAll(() => {
  const { forms, ...counts } = tally;
  console.log("alembic e2e (sqlite):", JSON.stringify(counts));
  console.log(
    "identifier forms [Alembic ran, Alembic refused]:",
    JSON.stringify(Object.fromEntries(Object.entries(forms).sort())),
  );
});

/** Each must have been compared at least once where Alembic ran it. */
const REQUIRED_FORMS = [
  "upgrade heads",
  "upgrade head",
  "upgrade <rev>",
  "upgrade <partial>",
  "upgrade +N",
  "upgrade <rev>+N",
  "upgrade head-N",
  "upgrade <label>@head",
  "upgrade <label>@+N",
  "downgrade base",
  "downgrade -N",
  "downgrade <rev>",
  "downgrade <partial>",
  "downgrade <rev>-N",
  "downgrade head-N",
  "downgrade <label>@-N",
  "downgrade <label>@base",
  "stamp <rev>",
  "stamp base",
  "stamp heads",
  "stamp [<rev> <rev>]",
  "stamp [heads]",
  "stamp --purge [<rev>]",
];

describe("mig's real runs on SQLite match Alembic's", () => {
  cases.forEach((c, i) => {
    const known = KNOWN_DIVERGENCES[c.name];
    const test = known ? it.fails : it;
    test(known ? `${c.name} [known divergence: ${known}]` : c.name, async () => {
      if (setupError) {
        // Without the oracle a known divergence must not "fail as expected".
        if (known) return;
        throw setupError;
      }
      const e2e = await createE2eProject(c);
      try {
        if (!c.invalid) {
          // TestProject's `0000_<rev>` names and oracle.py's `0001_<rev>.py` both sort
          // into the given order: check mig loads the scripts in exactly that order.
          expect(await migLoadOrder(e2e.project.options)).toEqual(c.headers.map((h) => h.revision));
        }
        const mismatches = await runCase(c, e2e, answers[i]!, tally);
        if (mismatches.length > 0) expect.fail(formatCase(c, mismatches));
      } finally {
        await e2e.dispose();
      }
    });
  });

  it("compared enough to mean something", () => {
    if (setupError) throw setupError;
    // Runs last (declaration order), after every case has added to the tally.
    expect(tally.commands).toBeGreaterThan(cases.length * 15);
    expect(tally.commandsApplied).toBeGreaterThan(tally.commands / 4);
    expect(tally.commandsFailedInAlembic).toBeGreaterThan(0);
    const missing = REQUIRED_FORMS.filter((form) => !(tally.forms[form]?.[0] ?? 0));
    expect(missing, "identifier forms never compared on a run Alembic did").toEqual([]);
    // Re-syncing that fails cuts sequences short; it must stay the exception.
    expect(tally.commandsSkipped).toBeLessThan(tally.commands / 10);
  });
});
