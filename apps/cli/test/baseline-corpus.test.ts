import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { CorpusDatabase } from "./roundtrip/client.js";
import { type CorpusFile, corpusFiles } from "./roundtrip/corpus.js";
import { createMariaDatabase } from "./roundtrip/mariadb-database.js";
import { createPgDatabase } from "./roundtrip/pg-database.js";
import { type CorpusDialect, corpusProject } from "./roundtrip/project.js";
import { createSqliteDatabase } from "./roundtrip/sqlite-database.js";
import { mig, type Run } from "./run-cli.js";

// `mig baseline` on the public sample schemas of test/fixtures/corpus/: the revision it
// writes from the loaded database builds, in an empty one (after the corpus's prelude of
// what mig does not model), tables the database's own tools describe exactly as the
// original's; `mig check` is clean on both and `mig down base` leaves only the version table.

const open: Record<CorpusDialect, (label: string, dir: string) => CorpusDatabase> = {
  postgres: (label) => createPgDatabase(label),
  mariadb: (label) => createMariaDatabase(label),
  sqlite: (label, dir) => createSqliteDatabase(label, dir),
};

const output = (step: string, r: Run) =>
  `mig ${step} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

function baselineRoundTrip(corpus: CorpusFile): void {
  const dir = corpusProject(corpus.dialect);
  const original = open[corpus.dialect](`${corpus.name}_bo`, dir);
  let fresh: CorpusDatabase | undefined;
  const step = (db: CorpusDatabase, args: string[]): Run => {
    const r = mig(dir, args, { MIG_CORPUS_URL: db.url });
    expect(r.code, output(args.join(" "), r)).toBe(0);
    return r;
  };
  try {
    original.load(corpus.file);
    const schemas = corpus.schemas.length > 0 ? ["--schema", ...corpus.schemas] : [];
    step(original, ["baseline", "-m", "baseline", ...schemas]);
    const [file, ...more] = readdirSync(join(dir, "migrations")).filter((f) => f.endsWith(".ts"));
    expect(more).toEqual([]);
    const id = /_([0-9a-f]+)_baseline\.ts$/.exec(file!)![1]!;
    expect(step(original, ["current"]).stdout).toBe(`${id} (head)\n`);
    step(original, ["pull", "--out", "schema.ts", ...schemas]);
    step(original, ["check"]);

    fresh = open[corpus.dialect](`${corpus.name}_bn`, dir);
    if (corpus.prelude) fresh.load(corpus.prelude);
    step(fresh, ["up"]);
    const tables = original.tables();
    expect(fresh.tables()).toEqual(tables);
    expect(fresh.describe(tables)).toEqual(original.describe(tables));
    step(fresh, ["check"]);

    step(fresh, ["down", "base"]);
    expect(fresh.leftovers()).toEqual([]);
  } finally {
    original.drop();
    fresh?.drop();
  }
}

for (const dialect of ["sqlite", "postgres", "mariadb"] as const) {
  describe(`${dialect} corpus baseline`, () => {
    for (const corpus of corpusFiles(dialect)) {
      test(
        `${corpus.name}.sql: baseline, stamped; up in an empty database gives the same schema; check clean on both; down base`,
        { timeout: 600_000 },
        () => baselineRoundTrip(corpus),
      );
    }
  });
}
