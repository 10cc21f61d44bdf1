import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CorpusDialect } from "./project.js";

export interface CorpusFile {
  readonly dialect: CorpusDialect;
  /** The file name without `.sql`: `pagila`, `everything`. */
  readonly name: string;
  readonly file: string;
  /** What mig does not model that the tables need, run in the empty database first. */
  readonly prelude: string | undefined;
  /** The schemas the prelude creates: `mig pull --schema` reads them besides the default. */
  readonly schemas: readonly string[];
}

export const CORPUS_DIR = fileURLToPath(new URL("../fixtures/corpus", import.meta.url));

/** The corpus files of one dialect, by name (`<name>.prelude.sql` goes with `<name>.sql`). */
export function corpusFiles(dialect: CorpusDialect): CorpusFile[] {
  const dir = join(CORPUS_DIR, dialect);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql") && !f.endsWith(".prelude.sql"))
    .sort()
    .map((f) => {
      const name = f.slice(0, -".sql".length);
      const prelude = join(dir, `${name}.prelude.sql`);
      const found = existsSync(prelude);
      return {
        dialect,
        name,
        file: join(dir, f),
        prelude: found ? prelude : undefined,
        schemas: found
          ? [...readFileSync(prelude, "utf8").matchAll(/^CREATE SCHEMA (\w+)/gim)].map((m) => m[1]!)
          : [],
      };
    });
}
