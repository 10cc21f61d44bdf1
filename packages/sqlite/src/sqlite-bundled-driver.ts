// better-sqlite3's JavaScript, which the build copies into this package (tsup.config.ts):
// one file to load instead of its twelve CommonJS files. The addon stays the installed one,
// so sqlite-native.ts uses this copy only when the installed package is this same version.
import Database from "better-sqlite3";
import pkg from "better-sqlite3/package.json" with { type: "json" };

export { Database };

/** The version of better-sqlite3 this copy was built from. */
export const VERSION: string = pkg.version;
