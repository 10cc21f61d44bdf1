import { describe, expect, test } from "vitest";
import { validateConfig } from "./validate-config.js";

const fails: [string, unknown, string][] = [
  ["not an object", [], "must export an object"],
  ["unknown key", { uri: "x" }, "unknown key 'uri' (did you mean 'url'?)."],
  [
    "misspelt key",
    { scriptLocaton: "m" },
    "unknown key 'scriptLocaton' (did you mean 'scriptLocation'?).",
  ],
  ["unknown key, nothing near", { colour: true }, "unknown key 'colour'."],
  [
    "pool key misspelt",
    { pool: { poolsize: 1 } },
    "unknown key 'poolsize' (did you mean 'poolSize'?).",
  ],
  ["url not a string", { url: 5 }, "'url' must be a string"],
  [
    "lockTimeout text",
    { lockTimeout: "sixty" },
    `'lockTimeout' must be a number of seconds ≥ 0 (got "sixty")`,
  ],
  ["lockTimeout negative", { lockTimeout: -1 }, "(got -1)"],
  ["lockTimeout NaN", { lockTimeout: Number.NaN }, "'lockTimeout' must be"],
  ["lockTimeout Infinity", { lockTimeout: Number.POSITIVE_INFINITY }, "'lockTimeout' must be"],
  ["pool not an object", { pool: 5 }, "'pool' must be an object"],
  ["pool unknown key", { pool: { size: 1 } }, "'pool' has an unknown key 'size'"],
  ["poolSize fraction", { pool: { poolSize: 1.5 } }, "pool.poolSize must be a whole number ≥ 0"],
  ["maxOverflow -2", { pool: { maxOverflow: -2 } }, "pool.maxOverflow must be"],
  [
    "poolTimeout text",
    { pool: { poolTimeout: "30s" } },
    'pool.poolTimeout must be milliseconds ≥ 0 (got "30s")',
  ],
  ["poolRecycle -5", { pool: { poolRecycle: -5 } }, "pool.poolRecycle must be"],
  ["prePing text", { pool: { prePing: "yes" } }, "pool.prePing must be true or false"],
  ["no connection", { pool: { poolSize: 0, maxOverflow: 0 } }, "lets no connection open"],
  ["transactionPerMigration", { transactionPerMigration: 1 }, "'transactionPerMigration' must be"],
  ["hook not a function", { beforeMigrate: "x" }, "'beforeMigrate' must be a function"],
  ["includeObject not a function", { includeObject: true }, "'includeObject' must be a function"],
  ["includeName not a function", { includeName: "x" }, "'includeName' must be a function"],
  [
    "processRevisionDirectives not a function",
    { processRevisionDirectives: {} },
    "'processRevisionDirectives' must be a function",
  ],
  ["schema not a string", { schema: ["./schema.ts"] }, "'schema' must be a string"],
  ["logTable not a string", { logTable: 5 }, "'logTable' must be a string"],
  ["logTable empty", { logTable: "" }, "'logTable' must not be empty"],
  ["versionTable empty", { versionTable: "" }, "'versionTable' must not be empty"],
  [
    "versionTableSchema empty",
    { versionTableSchema: "" },
    "'versionTableSchema' must not be empty",
  ],
  ["logTableSchema not a string", { logTableSchema: true }, "'logTableSchema' must be a string"],
  ["logTable is the version table", { logTable: "mig_version" }, "names the version table"],
  [
    "logTable is a renamed version table",
    { versionTable: "v", logTable: "v" },
    "names the version table",
  ],
  [
    "onChecksumMismatch",
    { onChecksumMismatch: "fail" },
    `'onChecksumMismatch' must be "warn" or "error" (got "fail")`,
  ],
  ["versionLocations", { versionLocations: ["a", 1] }, "'versionLocations' must be an array"],
  ["dialects", { dialects: {} }, "'dialects' must be an array"],
  ["dialects entry without a name", { dialects: [{}] }, "must be an array of dialect objects"],
  [
    "dialects entry without schemes",
    { dialects: [{ name: "x" }] },
    "(each with a name and schemes)",
  ],
  [
    "databases entry",
    { databases: { a: { lockTimeout: "x" } } },
    "c.json (databases.a): 'lockTimeout'",
  ],
  ["nested databases", { databases: { a: { databases: {} } } }, "unknown key 'databases'"],
];

const passes: [string, unknown][] = [
  ["empty", {}],
  ["full", { url: "sqlite:x", lockTimeout: 0, transactionPerMigration: false, dialects: [] }],
  [
    "pool",
    { pool: { poolSize: 0, maxOverflow: -1, poolTimeout: 0, poolRecycle: -1, prePing: true } },
  ],
  ["fractional lockTimeout", { lockTimeout: 0.5 }],
  ["applied log", { logTable: "audit", logTableSchema: "ops", onChecksumMismatch: "error" }],
  [
    "autogenerate keys",
    {
      schema: "./schema.ts",
      includeName: () => true,
      includeObject: () => true,
      processRevisionDirectives: () => null,
    },
  ],
  ["undefined values", { url: undefined, lockTimeout: undefined, pool: { poolSize: undefined } }],
  ["databases", { databases: { main: { url: "sqlite:a" } } }],
];

describe("validateConfig", () => {
  test.each(fails)("%s: config_invalid", (_, config, message) => {
    expect(() => validateConfig(config, "c.json")).toThrow(
      expect.objectContaining({
        code: "config_invalid",
        message: expect.stringContaining(message),
      }),
    );
  });
  test.each(passes)("%s: accepted", (_, config) => {
    expect(() => validateConfig(config, "c.json")).not.toThrow();
  });
});
