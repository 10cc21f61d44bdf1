import { createRequire } from "node:module";
import type Mysql2 from "mysql2";

const require = createRequire(import.meta.url);
let loaded: typeof Mysql2 | undefined;

/**
 * The mysql2 driver, required on the first connection rather than imported with the
 * dialect: loading it takes ~40 ms (its many CommonJS files), which a run that never
 * connects (`up --sql`) and a command that needs no database should not pay.
 */
export function mysql2Driver(): typeof Mysql2 {
  loaded ??= require("mysql2") as typeof Mysql2;
  return loaded;
}
