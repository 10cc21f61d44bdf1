import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { MigError } from "../errors/mig-error.js";
import { DEFAULT_SQL_TEMPLATE, DEFAULT_TS_TEMPLATE, TEMPLATE_FILE_NAMES } from "../script/index.js";

export interface InitOptions {
  /** Which script template new revisions use. Default `ts`. */
  readonly template?: "ts" | "sql";
  /** The database URL the new config names. Default a SQLite file next to it. */
  readonly url?: string;
}

export interface InitResult {
  readonly dir: string;
  readonly files: readonly string[];
}

const CONFIG = (url: string) => `import type { MigConfig } from "@mig/core";

// DATABASE_URL (or --url) is used when \`url\` is not set here.
export default {
  url: process.env.DATABASE_URL ?? ${JSON.stringify(url)},
  scriptLocation: "migrations",
} satisfies MigConfig;
`;

/** Scaffolds a project: `mig.config.ts`, `migrations/` and its script template. */
export function init(dir: string, options: InitOptions = {}): InitResult {
  const root = resolve(dir);
  if (existsSync(root) && readdirSync(root).length > 0) {
    throw new MigError("init_not_empty", `Directory ${dir} is not empty.`, {
      hint: "Run `mig init` in a new or empty directory, e.g. `mig init db`.",
    });
  }
  const format = options.template ?? "ts";
  const migrations = join(root, "migrations");
  mkdirSync(migrations, { recursive: true });
  const files = [join(root, "mig.config.ts"), join(migrations, TEMPLATE_FILE_NAMES[format])];
  writeFileSync(files[0]!, CONFIG(options.url ?? "sqlite:./app.db"), { flag: "wx" });
  writeFileSync(files[1]!, format === "ts" ? DEFAULT_TS_TEMPLATE : DEFAULT_SQL_TEMPLATE, {
    flag: "wx",
  });
  return { dir: root, files };
}
