import type { Dialect } from "./dialect.js";

/** The parts of a dialect the compiler writes with (shared by DdlCompilerBase and bulk inserts). */
export type SqlWriter = Pick<Dialect, "quoteIdentifier" | "qualify" | "literal" | "placeholder">;
