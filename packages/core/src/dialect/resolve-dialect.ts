import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { DatabaseUrl } from "../connection/database-url.js";
import { closestName } from "../errors/closest-name.js";
import { MigError } from "../errors/mig-error.js";
import type { Dialect } from "./dialect.js";

/** What an auto-loaded dialect package exports under the name `createDialect`. */
export type DialectFactory = (options?: Record<string, unknown>) => Dialect;

export const KNOWN_DIALECT_PACKAGES: Readonly<Record<string, string>> = {
  postgres: "@mig/postgres",
  postgresql: "@mig/postgres",
  sqlite: "@mig/sqlite",
  file: "@mig/sqlite",
  mysql: "@mig/mysql",
  mariadb: "@mig/mysql",
};

export interface ResolveDialectOptions {
  /** Dialects listed in the config; they win over installed packages. */
  readonly dialects?: readonly Dialect[];
  /** Where the user's project is: packages resolve from its node_modules. */
  readonly projectDir: string;
}

/**
 * Picks the dialect for a URL: one from the config that claims the scheme, else the known
 * package for it (or `mig-dialect-<scheme>`), imported from the user's project.
 */
export async function resolveDialect(
  url: DatabaseUrl,
  options: ResolveDialectOptions,
): Promise<Dialect> {
  const configured = options.dialects?.find((d) => d.schemes.includes(url.scheme));
  if (configured) return configured;
  const driverSuffix = driverSuffixOf(url, options.dialects ?? []);
  if (driverSuffix) throw driverSuffix;
  const pkg = KNOWN_DIALECT_PACKAGES[url.scheme] ?? `mig-dialect-${url.scheme}`;
  const entry = findPackageEntry(pkg, options.projectDir);
  let mod: { createDialect?: unknown };
  try {
    mod = entry ? await import(pathToFileURL(entry).href) : await import(pkg);
  } catch (cause) {
    if (!entry && isNotFound(cause)) throw missing(url, pkg, options.dialects ?? [], cause);
    throw new MigError("dialect_load_failed", `The dialect package ${pkg} failed to load.`, {
      hint: "Reinstall it; run with --verbose for the cause.",
      cause,
    });
  }
  if (typeof mod.createDialect !== "function") {
    throw new MigError("dialect_invalid", `${pkg} does not export createDialect().`, {
      hint: "A dialect package must export a createDialect factory returning a Dialect.",
    });
  }
  return (mod.createDialect as DialectFactory)();
}

/**
 * No package for the scheme. A scheme a letter or two from a known one (`postgress:`,
 * `sqlite3:`) is most likely a typo: the hint offers the fixed URL and no `npm install`
 * line, since a typo's package name is one anybody may publish. Any other scheme names the
 * package mig looked for, `mig-dialect-<scheme>` (docs/writing-a-dialect.md).
 */
function missing(
  url: DatabaseUrl,
  pkg: string,
  dialects: readonly Dialect[],
  cause: unknown,
): MigError {
  const known = [...Object.keys(KNOWN_DIALECT_PACKAGES), ...dialects.flatMap((d) => d.schemes)];
  const near = KNOWN_DIALECT_PACKAGES[url.scheme] ? undefined : closestName(url.scheme, known);
  const fixed = near && withScheme(url, near);
  if (near && fixed) {
    return new MigError(
      "dialect_missing",
      `No dialect for '${url.scheme}:' URLs (did you mean '${near}:'?).`,
      { usage: true, hint: `Fix the scheme: ${fixed}`, cause },
    );
  }
  return new MigError(
    "dialect_missing",
    `No dialect for '${url.scheme}:' URLs: ${pkg} is not installed.`,
    { usage: true, hint: `Install it in your project: npm install ${pkg}`, cause },
  );
}

/**
 * SQLAlchemy's `dialect+driver:` schemes (`postgresql+psycopg2:`): mig picks the driver
 * itself, so the fix is to drop `+driver`, not to install a package named after it.
 */
function driverSuffixOf(url: DatabaseUrl, dialects: readonly Dialect[]): MigError | undefined {
  const plus = url.scheme.indexOf("+");
  if (plus <= 0) return undefined;
  const base = url.scheme.slice(0, plus);
  const known = base in KNOWN_DIALECT_PACKAGES || dialects.some((d) => d.schemes.includes(base));
  if (!known) return undefined;
  const plain = withScheme(url, base);
  return new MigError(
    "invalid_url",
    `mig takes plain '${base}:' URLs: '${url.scheme.slice(plus)}' names a driver, and mig picks its own.`,
    { usage: true, hint: `Drop '${url.scheme.slice(plus)}' from the scheme: ${plain}` },
  );
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

/** Finds `<dir>/node_modules/<pkg>` walking up from `from`, and its ESM entry file. */
function findPackageEntry(pkg: string, from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const pkgDir = join(dir, "node_modules", pkg);
    const manifest = join(pkgDir, "package.json");
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, "utf8")) as {
        exports?: unknown;
        module?: string;
        main?: string;
      };
      const target = exportTarget(json.exports) ?? json.module ?? json.main ?? "index.js";
      return join(pkgDir, target);
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function exportTarget(exports: unknown): string | undefined {
  if (typeof exports === "string") return exports;
  if (exports === null || typeof exports !== "object") return undefined;
  const record = exports as Record<string, unknown>;
  const root = "." in record ? record["."] : record;
  if (typeof root === "string") return root;
  if (root === null || typeof root !== "object") return undefined;
  for (const condition of ["import", "node", "default"]) {
    const value = (root as Record<string, unknown>)[condition];
    const found = typeof value === "string" ? value : exportTarget(value);
    if (found) return found;
  }
  return undefined;
}

/** The URL as shown (password masked) with another scheme: for a hint's corrected URL. */
function withScheme(url: DatabaseUrl, scheme: string): string {
  return url.masked.trim().replace(/^[^:]*/, scheme);
}
