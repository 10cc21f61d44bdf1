import { existsSync } from "node:fs";
import { extname } from "node:path";
import { resolveFrom } from "./load-config.js";

/** What a schema module may be named: TypeScript (as `mig pull` writes it) or ES module JavaScript. */
export const SCHEMA_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"] as const;

/**
 * The schema module `configured` names, relative to the config's directory. Written as an
 * import would be, without its extension (`schema: "./schema"`), it is the first of
 * `schema.ts`, `.mts`, `.js`, `.mjs` that exists; a path with an extension is taken as it is,
 * and one without that has none of those files is returned as written (reported missing).
 */
export function resolveSchemaPath(dir: string, configured: string): string {
  const file = resolveFrom(dir, configured);
  if (extname(file) !== "" || existsSync(file)) return file;
  for (const ext of SCHEMA_EXTENSIONS) if (existsSync(`${file}${ext}`)) return `${file}${ext}`;
  return file;
}
