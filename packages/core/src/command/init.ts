import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CONFIG_FILE_NAMES } from "../config/load-config.js";
import type { OptionKeys } from "../config/option-keys.js";
import { firstLine } from "../errors/first-line.js";
import { MigError } from "../errors/mig-error.js";
import { DEFAULT_SQL_TEMPLATE, DEFAULT_TS_TEMPLATE, TEMPLATE_FILE_NAMES } from "../script/index.js";
import { assertKnownOptions } from "./call-arguments.js";

export interface InitOptions {
  /** Which script template new revisions use. Default `ts`. */
  readonly template?: "ts" | "sql" | undefined;
  /** The database URL the new config names. Default a SQLite file next to it. */
  readonly url?: string | undefined;
}

const INIT_KEYS: OptionKeys<InitOptions> = { template: true, url: true };

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

/**
 * Scaffolds a project: `mig.config.ts`, `migrations/` and its script template. Other files
 * are fine (an npm project's package.json and node_modules); only a config or a migrations
 * directory already there is refused, so nothing of the user's is overwritten.
 */
export function init(dir: string, options: InitOptions = {}): InitResult {
  assertKnownOptions("init", options, INIT_KEYS, 'init(".", { template: "ts" })');
  const root = resolve(dir);
  const taken = [...CONFIG_FILE_NAMES, "migrations"].filter((name) => existsSync(join(root, name)));
  if (taken.length > 0) {
    const where = dir === "." ? "this directory" : dir;
    throw new MigError(
      "init_not_empty",
      `${where} already has ${taken.join(" and ")}; mig init does not overwrite ${taken.length > 1 ? "them" : "it"}.`,
      {
        usage: true,
        hint: "Run `mig init <new dir>` (e.g. `mig init db`), or remove them first.",
      },
    );
  }
  const format = options.template ?? "ts";
  const migrations = join(root, "migrations");
  createDirectories(migrations);
  const files = [join(root, "mig.config.ts"), join(migrations, TEMPLATE_FILE_NAMES[format])];
  writeFileSync(files[0]!, CONFIG(options.url ?? "sqlite:./app.db"), { flag: "wx" });
  writeFileSync(files[1]!, format === "ts" ? DEFAULT_TS_TEMPLATE : DEFAULT_SQL_TEMPLATE, {
    flag: "wx",
  });
  return { dir: root, files };
}

const WHY: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOTDIR: "a part of that path is a file, not a directory",
  ENOENT: "that place cannot hold a directory",
  ENOSPC: "the disk is full",
};

/**
 * `mkdir -p`, one directory at a time: Node's recursive mkdir never returns on some paths
 * (`/proc/x` spins), and a failure here names the directory and why in plain words.
 */
function createDirectories(path: string): void {
  const missing: string[] = [];
  for (let at = path; !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      throw new MigError("init_failed", `Cannot create ${dir}: ${WHY[code] ?? firstLine(error)}.`, {
        usage: true,
        hint: "Run `mig init <dir>` with a directory you can write to.",
        cause: error,
      });
    }
  }
}
