import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, resolve } from "node:path";
import { MigError } from "../errors/mig-error.js";
import { importModule } from "../runtime/import-module.js";
import type { MigConfig } from "./mig-config.js";

export const CONFIG_FILE_NAMES = [
  "mig.config.ts",
  "mig.config.mts",
  "mig.config.js",
  "mig.config.mjs",
  "mig.config.json",
];

const KNOWN_KEYS = new Set([
  "url",
  "scriptLocation",
  "versionLocations",
  "versionTable",
  "versionTableSchema",
  "fileTemplate",
  "timezone",
  "transactionPerMigration",
  "lockTimeout",
  "dialects",
  "schema",
  "pool",
  "beforeMigrate",
  "afterMigrate",
  "connect",
  "databases",
  "logSql",
  "logger",
  "$schema",
]);

export interface LoadedConfig {
  readonly config: MigConfig;
  /** The config file, or undefined when none was found. */
  readonly file: string | undefined;
  /** Where relative paths in the config resolve from. */
  readonly dir: string;
}

/** Finds `mig.config.*` in `cwd` (or loads `file`), and checks its keys. */
export async function loadConfig(cwd: string, file?: string): Promise<LoadedConfig> {
  const path = file
    ? resolve(cwd, file)
    : CONFIG_FILE_NAMES.map((n) => resolve(cwd, n)).find(existsSync);
  if (file && !existsSync(path!)) {
    throw new MigError("config_not_found", `Config file ${file} does not exist.`, {
      hint: "Check the --config path.",
    });
  }
  if (!path) return { config: {}, file: undefined, dir: cwd };
  const config = path.endsWith(".json") ? readJson(path) : await importConfig(path);
  validate(config, basename(path));
  return { config, file: path, dir: dirname(path) };
}

function readJson(path: string): MigConfig {
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text) as MigConfig;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new MigError("config_invalid", `Cannot read ${basename(path)}: ${detail}.`, {
      hint: "Fix the JSON syntax in the config file.",
      cause,
    });
  }
}

async function importConfig(path: string): Promise<MigConfig> {
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(path);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new MigError("config_invalid", `Cannot load ${basename(path)}: ${detail}`, {
      hint: "Fix the error in the config file (run with --verbose for the full trace).",
      cause,
    });
  }
  const config = (mod.default ?? mod.config) as MigConfig | undefined;
  if (config === undefined || config === null || typeof config !== "object") {
    throw new MigError("config_invalid", `${basename(path)} has no default export.`, {
      hint: "End it with `export default defineConfig({ ... })`.",
    });
  }
  return config;
}

function validate(config: MigConfig, name: string): void {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new MigError("config_invalid", `${name} must export an object.`, {
      hint: "Export defineConfig({ ... }).",
    });
  }
  for (const key of Object.keys(config)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new MigError("config_invalid", `${name} has an unknown key '${key}'.`, {
        hint: `Known keys: ${[...KNOWN_KEYS].filter((k) => k !== "$schema").join(", ")}.`,
      });
    }
  }
  const strings = [
    "url",
    "scriptLocation",
    "versionTable",
    "versionTableSchema",
    "fileTemplate",
    "timezone",
    "schema",
  ] as const;
  for (const key of strings) {
    if (config[key] !== undefined && typeof config[key] !== "string") {
      throw new MigError("config_invalid", `${name}: '${key}' must be a string.`, {
        hint: `Set ${key} to a string.`,
      });
    }
  }
  if (config.versionLocations !== undefined && !Array.isArray(config.versionLocations)) {
    throw new MigError("config_invalid", `${name}: 'versionLocations' must be an array of paths.`, {
      hint: 'Write it as ["migrations", "other/dir"].',
    });
  }
}

export function resolveFrom(dir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dir, path);
}
