import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "../run-cli.js";

export type CorpusDialect = "postgres" | "mariadb" | "sqlite";

const PACKAGE: Record<CorpusDialect, string> = {
  postgres: "postgres",
  mariadb: "mysql",
  sqlite: "sqlite",
};

const pkg = (name: string) =>
  fileURLToPath(new URL(`../../../../packages/${name}`, import.meta.url));

/**
 * A mig project for one corpus file: `schema.ts` is the schema module (`mig pull` writes
 * it), migrations go to `migrations/`, and the database comes from `MIG_CORPUS_URL`, so one
 * config serves the original database and the empty one. `@mig/core` resolves through
 * node_modules links to this repository's packages, as in an installed project.
 */
export function corpusProject(dialect: CorpusDialect): string {
  const dir = tempDir("mig-corpus-");
  mkdirSync(join(dir, "migrations"));
  mkdirSync(join(dir, "node_modules", "@mig"), { recursive: true });
  for (const name of ["core", PACKAGE[dialect]]) {
    symlinkSync(pkg(name), join(dir, "node_modules", "@mig", name));
  }
  const entry = join(pkg(PACKAGE[dialect]), "dist", "index.js");
  writeFileSync(
    join(dir, "mig.config.mjs"),
    `import { createDialect } from ${JSON.stringify(entry)};
export default {
  url: process.env.MIG_CORPUS_URL,
  scriptLocation: "migrations",
  schema: "./schema.ts",
  dialects: [createDialect()],
};
`,
  );
  return dir;
}
