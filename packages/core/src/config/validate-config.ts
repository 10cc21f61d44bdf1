import { invalid, isObject, shown, unknownKey } from "./config-value.js";
import { CONFIG_KEYS } from "./option-keys.js";
import { validateTargets } from "./validate-targets.js";

// A config file may name its JSON schema (`"$schema"`), which is not a setting.
const KNOWN_KEYS = new Set([...Object.keys(CONFIG_KEYS), "$schema"]);

const STRING_KEYS = [
  "url",
  "scriptLocation",
  "versionTable",
  "versionTableSchema",
  "logTable",
  "logTableSchema",
  "fileTemplate",
  "timezone",
  "schema",
] as const;
const FUNCTION_KEYS = [
  "beforeMigrate",
  "afterMigrate",
  "connect",
  "includeName",
  "includeObject",
  "processRevisionDirectives",
] as const;

/** Each pool option's rule: a check and how the message and hint say it. */
const POOL_RULES: Readonly<Record<string, { ok: (v: unknown) => boolean; rule: string }>> = {
  poolSize: { ok: (v) => Number.isInteger(v) && (v as number) >= 0, rule: "a whole number ≥ 0" },
  maxOverflow: {
    ok: (v) => Number.isInteger(v) && (v as number) >= -1,
    rule: "a whole number ≥ 0, or -1 for no limit",
  },
  poolTimeout: { ok: (v) => isNumber(v) && v >= 0, rule: "milliseconds ≥ 0" },
  poolRecycle: {
    ok: (v) => isNumber(v) && (v >= 0 || v === -1),
    rule: "milliseconds ≥ 0, or -1 for never",
  },
  prePing: { ok: (v) => typeof v === "boolean", rule: "true or false" },
};

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Checks a loaded config's keys and value types; `name` is the file's name for messages. */
export function validateConfig(config: unknown, name: string, nested = false): void {
  if (!isObject(config)) {
    throw invalid(`${name} must export an object.`, "Export defineConfig({ ... }).");
  }
  for (const key of Object.keys(config)) {
    if (!KNOWN_KEYS.has(key) || (nested && (key === "databases" || key === "targets"))) {
      throw unknownKey(
        name,
        key,
        [...KNOWN_KEYS].filter((k) => k !== "$schema"),
      );
    }
  }
  const c = config as Record<string, unknown>;
  for (const key of STRING_KEYS) {
    if (c[key] !== undefined && typeof c[key] !== "string") {
      throw invalid(`${name}: '${key}' must be a string.`, `Set ${key} to a string.`);
    }
  }
  for (const key of FUNCTION_KEYS) {
    if (c[key] !== undefined && typeof c[key] !== "function") {
      throw invalid(`${name}: '${key}' must be a function.`, `Set ${key} to a function.`);
    }
  }
  const locations = c.versionLocations;
  if (
    locations !== undefined &&
    (!Array.isArray(locations) || !locations.every((l) => typeof l === "string"))
  ) {
    throw invalid(
      `${name}: 'versionLocations' must be an array of paths.`,
      'Write it as ["migrations", "other/dir"].',
    );
  }
  if (c.transactionPerMigration !== undefined && typeof c.transactionPerMigration !== "boolean") {
    throw invalid(
      `${name}: 'transactionPerMigration' must be true or false (got ${shown(c.transactionPerMigration)}).`,
      "Write transactionPerMigration: true (the default) or false.",
    );
  }
  for (const key of ["logTable", "versionTable", "versionTableSchema"] as const) {
    if (c[key] === "") {
      throw invalid(`${name}: '${key}' must not be empty.`, `Name it, or leave ${key} out.`);
    }
  }
  if (c.logTable !== undefined && c.logTable === (c.versionTable ?? "mig_version")) {
    throw invalid(
      `${name}: 'logTable' names the version table (${shown(c.logTable)}).`,
      "Give the applied log its own table, or leave logTable out (default mig_log).",
    );
  }
  if (
    c.onChecksumMismatch !== undefined &&
    !["warn", "error"].includes(c.onChecksumMismatch as string)
  ) {
    throw invalid(
      `${name}: 'onChecksumMismatch' must be "warn" or "error" (got ${shown(c.onChecksumMismatch)}).`,
      'Write onChecksumMismatch: "error" to stop on edited migrations, or leave it out (warn).',
    );
  }
  if (c.logSql !== undefined && typeof c.logSql !== "boolean") {
    throw invalid(
      `${name}: 'logSql' must be true or false (got ${shown(c.logSql)}).`,
      "Write logSql: true to log each statement, or leave it out.",
    );
  }
  const logger = c.logger as { info?: unknown } | undefined;
  if (logger !== undefined && (typeof logger !== "object" || typeof logger?.info !== "function")) {
    throw invalid(
      `${name}: 'logger' must be an object with an info(line) method (got ${shown(c.logger)}).`,
      "Pass console, a pino logger, or any { info(line) { ... } }.",
    );
  }
  if (c.lockTimeout !== undefined && !(isNumber(c.lockTimeout) && c.lockTimeout >= 0)) {
    throw invalid(
      `${name}: 'lockTimeout' must be a number of seconds ≥ 0 (got ${shown(c.lockTimeout)}).`,
      "Write it as a number, e.g. lockTimeout: 60.",
    );
  }
  if (c.dialects !== undefined && !(Array.isArray(c.dialects) && c.dialects.every(isDialect))) {
    throw invalid(
      `${name}: 'dialects' must be an array of dialect objects (each with a name and schemes).`,
      "Write it as dialects: [createDialect()], with createDialect from the dialect's package.",
    );
  }
  if (c.pool !== undefined) validatePool(c.pool, name);
  // A hook's targets are checked when it is called (fleet/resolve-targets.ts).
  if (c.targets !== undefined && typeof c.targets !== "function") {
    validateTargets(c.targets, name);
  }
  if (c.databases !== undefined) {
    if (!isObject(c.databases)) {
      throw invalid(
        `${name}: 'databases' must be an object of named configs.`,
        'Write it as databases: { main: { url: "..." } }.',
      );
    }
    for (const [db, entry] of Object.entries(c.databases)) {
      validateConfig(entry, `${name} (databases.${db})`, true);
    }
  }
}

// Not checked here: `lockTimeout`, which a run checks itself (invalid_lock_timeout).
const CALL_CHECKED = new Set(["$schema", "lockTimeout"]);

/**
 * Checks the config options an application's call passes (`upgrade({ url })`), where they are
 * config keys: `url: 42` is a usage error naming the option, not a TypeError from inside the
 * run. Keys that are not config keys (the call's own, like `target`) are the call's to check.
 */
export function validateConfigOptions(options: Record<string, unknown>, name: string): void {
  const config = Object.fromEntries(
    Object.entries(options).filter(
      ([key, value]) => KNOWN_KEYS.has(key) && !CALL_CHECKED.has(key) && value !== undefined,
    ),
  );
  validateConfig(config, name);
}

function validatePool(pool: unknown, name: string): void {
  if (!isObject(pool)) {
    throw invalid(
      `${name}: 'pool' must be an object.`,
      "Write it as pool: { poolSize: 5, maxOverflow: 10 }.",
    );
  }
  for (const [key, value] of Object.entries(pool)) {
    const rule = POOL_RULES[key];
    if (!rule) {
      throw unknownKey(`${name}: 'pool'`, key, Object.keys(POOL_RULES));
    }
    if (value !== undefined && !rule.ok(value)) {
      throw invalid(
        `${name}: pool.${key} must be ${rule.rule} (got ${shown(value)}).`,
        `Fix pool.${key} in the config.`,
      );
    }
  }
  if (pool.poolSize === 0 && pool.maxOverflow === 0) {
    throw invalid(
      `${name}: pool.poolSize 0 with pool.maxOverflow 0 lets no connection open.`,
      "Raise poolSize or maxOverflow.",
    );
  }
}

/** What a dialect must at least have to be looked up by a URL's scheme. */
function isDialect(value: unknown): boolean {
  const d = value as { name?: unknown; schemes?: unknown } | null;
  return isObject(value) && typeof d?.name === "string" && Array.isArray(d?.schemes);
}
