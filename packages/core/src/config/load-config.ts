import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, relative, resolve } from "node:path";
import { thrownMessage } from "../errors/first-line.js";
import { MigError } from "../errors/mig-error.js";
import { valueKind } from "../errors/value-kind.js";
import { configLoadError } from "./config-load-error.js";
import { type DotenvUrl, readDotenvUrl, withDotenvUrl } from "./dotenv.js";
import { importConfigModule } from "./import-module.js";
import type { MigConfig } from "./mig-config.js";
import { validateConfig } from "./validate-config.js";

export const CONFIG_FILE_NAMES = [
  "mig.config.ts",
  "mig.config.mts",
  "mig.config.js",
  "mig.config.mjs",
  "mig.config.json",
];

export interface LoadedConfig {
  readonly config: MigConfig;
  /** The config file, or undefined when none was found. */
  readonly file: string | undefined;
  /** Where relative paths in the config resolve from. */
  readonly dir: string;
  /** `DATABASE_URL` from `.env` in `dir`, read when the environment has none. */
  readonly dotenv?: DotenvUrl | undefined;
}

/** Finds `mig.config.*` in `cwd` (or loads `file`), and checks its keys. */
export async function loadConfig(cwd: string, file?: string): Promise<LoadedConfig> {
  if (file !== undefined && file.trim() === "") {
    throw new MigError("config_not_found", "--config was given an empty path.", {
      usage: true,
      hint: "Give the config file or its directory, or leave --config out to use ./mig.config.*.",
    });
  }
  const path = file ? givenConfig(cwd, file) : configIn(cwd);
  if (file && !existsSync(path!)) {
    throw new MigError("config_not_found", `Config file ${file} does not exist.`, {
      usage: true,
      hint: "Check the --config path.",
    });
  }
  const dir = path ? dirname(path) : cwd;
  const dotenv = process.env.DATABASE_URL ? undefined : readDotenvUrl(dir);
  if (!path) return { config: {}, file: undefined, dir, dotenv };
  // A config reading process.env.DATABASE_URL sees the .env value while it loads.
  const config = path.endsWith(".json")
    ? readJson(path, cwd)
    : await withDotenvUrl(dotenv, () => importConfig(path, cwd));
  validateConfig(config, basename(path));
  return { config, file: path, dir, dotenv };
}

/**
 * The config file in `dir`. Two side by side are refused, since which one mig reads would be
 * a guess, except a `.js` (`.mjs`) beside its `.ts` (`.mts`): a compiler's output, the
 * TypeScript one read.
 */
function configIn(dir: string): string | undefined {
  const found = CONFIG_FILE_NAMES.filter((n) => existsSync(resolve(dir, n)));
  const kept = found.filter((n) => !/\.m?js$/.test(n) || !found.includes(n.replace(/js$/, "ts")));
  if (kept.length > 1) {
    throw new MigError(
      "config_ambiguous",
      `${dir} has ${kept.length} mig configs: ${kept.join(", ")}; mig would read only ${kept[0]}.`,
      {
        usage: true,
        hint: `Keep one, or choose with --config (e.g. --config ${kept.at(-1)}).`,
      },
    );
  }
  return found[0] && resolve(dir, found[0]);
}

/** `--config <file>`, or `--config <dir>` for the config file in that directory. */
function givenConfig(cwd: string, file: string): string {
  const path = resolve(cwd, file);
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) return path;
  const found = configIn(path);
  if (found) return found;
  throw new MigError("config_not_found", `--config ${file} is a directory with no mig config.`, {
    usage: true,
    hint: `Give the config file (${CONFIG_FILE_NAMES.join(", ")}) or the directory holding it.`,
  });
}

/** The error for a command run where there is no config file and nothing to run. */
export function configNotFound(cwd: string): MigError {
  const looked = CONFIG_FILE_NAMES.map((n) => n.replace("mig.config", "")).join(", ");
  // mig reads the config of the directory it runs in, as Alembic its alembic.ini; run from
  // inside a project (src/, a package of a monorepo), the project's config is named.
  const above = configAbove(cwd);
  const shown = above && relative(cwd, above);
  return new MigError(
    "config_not_found",
    `No mig.config.* found in ${cwd} (looked for mig.config${looked}).`,
    {
      usage: true,
      hint: shown
        ? `mig reads the config of the directory it runs in: run it in ${dirname(above)}, or pass --config ${shown}.`
        : "Run `npx --no-install mig init` to create one, or pass --config <file>.",
    },
  );
}

/** The nearest config file in a directory above `cwd`, if any. */
function configAbove(cwd: string): string | undefined {
  for (let dir = dirname(resolve(cwd)); ; dir = dirname(dir)) {
    const found = CONFIG_FILE_NAMES.map((n) => resolve(dir, n)).find(existsSync);
    if (found || dirname(dir) === dir) return found;
  }
}

function readJson(path: string, cwd: string): MigConfig {
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text) as MigConfig;
  } catch (cause) {
    const detail = thrownMessage(cause);
    // JSON.parse says "at position N"; editors want line:column.
    const at = /at position (\d+)/.exec(detail);
    const before = at ? text.slice(0, Number(at[1])).split("\n") : undefined;
    const where = before
      ? `${relative(cwd, path) || path}:${before.length}:${before.at(-1)!.length + 1}`
      : basename(path);
    throw new MigError("config_invalid", `Cannot read ${where}: ${detail}.`, {
      usage: true,
      hint: "Fix the JSON syntax in the config file.",
      cause,
    });
  }
}

async function importConfig(path: string, cwd: string): Promise<MigConfig> {
  let mod: Record<string, unknown>;
  try {
    mod = await importConfigModule(path);
  } catch (cause) {
    throw configLoadError(path, cwd, cause);
  }
  let config = (mod.default ?? mod.config) as MigConfig | undefined;
  // `export default loadConfig()`: a promise of the config is waited for; its failure is the
  // config's, named as such (left alone, it surfaced as a bare unhandled rejection).
  if (typeof (config as { then?: unknown } | undefined)?.then === "function") {
    try {
      config = await (config as unknown as Promise<MigConfig | undefined>);
    } catch (cause) {
      throw configLoadError(path, cwd, cause);
    }
  }
  if (config === undefined || config === null || typeof config !== "object") {
    // A default export that is not an object (a function, as some tools take) is named as such.
    const what =
      config === undefined
        ? "has no default export"
        : `exports ${valueKind(config)}, not an object`;
    throw new MigError("config_invalid", `${basename(path)} ${what}.`, {
      usage: true,
      hint: "End it with `export default defineConfig({ ... })`.",
    });
  }
  return config;
}

export function resolveFrom(dir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dir, path);
}
