import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";

type DatabaseClass = typeof BetterSqlite3;
type DatabaseOptions = NonNullable<ConstructorParameters<DatabaseClass>[1]>;

const require = createRequire(import.meta.url);
let loaded: { Database: DatabaseClass; binding: string | undefined } | undefined;

/**
 * better-sqlite3, required on the first connection rather than imported with the dialect:
 * offline runs (`up --sql`) never load the driver, and a CommonJS package loaded through
 * `import` costs an extra scan of its exports.
 */
function driver(): { Database: DatabaseClass; binding: string | undefined } {
  if (loaded) return loaded;
  const root = dirname(require.resolve("better-sqlite3/package.json"));
  loaded = { Database: require(root) as DatabaseClass, binding: nativeBinding(root) };
  return loaded;
}

/**
 * The addon file the `bindings` package would pick, by its first three rules (where a
 * node-gyp build or a prebuilt binary lands), found with at most three existence checks
 * instead of its search through a thrown error per candidate. Undefined leaves the search
 * to better-sqlite3, for any other layout.
 */
function nativeBinding(root: string): string | undefined {
  for (const dir of ["build", join("build", "Debug"), join("build", "Release")]) {
    const file = join(root, dir, "better_sqlite3.node");
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** `new Database(file, options)` of better-sqlite3, with the addon file found once. */
export function openSqliteFile(file: string, options: DatabaseOptions): BetterSqlite3.Database {
  const { Database, binding } = driver();
  return new Database(
    file,
    binding === undefined ? options : { ...options, nativeBinding: binding },
  );
}
