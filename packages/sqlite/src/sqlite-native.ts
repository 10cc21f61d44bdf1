import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";

type DatabaseClass = typeof BetterSqlite3;
type DatabaseOptions = NonNullable<ConstructorParameters<DatabaseClass>[1]>;
interface Driver {
  readonly Database: DatabaseClass;
  /** The addon file, or (bundled driver) the addon itself. */
  readonly binding: string | object | undefined;
}

const require = createRequire(import.meta.url);
let loaded: Driver | undefined;

/**
 * better-sqlite3, required on the first connection rather than imported with the dialect:
 * offline runs (`up --sql`) never load the driver, and a CommonJS package loaded through
 * `import` costs an extra scan of its exports.
 */
function driver(): Driver {
  if (loaded) return loaded;
  const root = packageRoot();
  loaded = { Database: require(root) as DatabaseClass, binding: nativeBinding(root) };
  return loaded;
}

function packageRoot(): string {
  return dirname(require.resolve("better-sqlite3/package.json"));
}

/**
 * Loads the driver before a connection opens: the copy of better-sqlite3's JavaScript
 * bundled with this package (one module instead of twelve CommonJS files, ~10 ms of every
 * start) when the installed package is the version it was copied from and its addon file
 * is found; otherwise the installed package, as `openSqliteFile` would require it.
 */
export async function loadSqliteDriver(): Promise<void> {
  if (loaded) return;
  const root = packageRoot();
  const file = nativeBinding(root);
  if (file !== undefined) {
    const bundled = await import("./sqlite-bundled-driver.js");
    const installed = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      version?: unknown;
    };
    if (!loaded && installed.version === bundled.VERSION) {
      loaded = { Database: bundled.Database, binding: require(file) as object };
    }
  }
  driver();
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
    // better-sqlite3 takes the addon itself there too; its types name only the file.
    binding === undefined ? options : { ...options, nativeBinding: binding as string },
  );
}
