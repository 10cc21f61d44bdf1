import { type Options, transform } from "sucrase";

// Syntax Node runs natively (optional chaining, `??`, class fields, `1_000`, `catch {}`) is
// kept as written: Sucrase's own rewrites add helper functions to the module (which keep a
// script out of a run's direct entries, direct-entry.ts) and move columns. Class fields
// then have TypeScript's default semantics for ES2022 and later (defined, not assigned).
const KEEP_NATIVE: Pick<Options, "disableESTransforms"> = { disableESTransforms: true };

/**
 * TypeScript to JavaScript for config files and migration scripts, with Sucrase: types
 * stripped, ES modules kept, lines kept where they were (so a stack names the right line).
 * It is some fifty times faster than a Babel pipeline, which matters on a fresh checkout,
 * where every script is transpiled once.
 */
export function transformScript(source: string, filename: string): string {
  return transform(source, { ...KEEP_NATIVE, transforms: ["typescript"], filePath: filename }).code;
}

/**
 * The body of a function standing for the module in a run's script bundle: imports become
 * `require` calls, exports assignments to `exports` (Sucrase's "imports" transform), lines kept.
 */
export function transformScriptBody(source: string, filename: string): string {
  return transform(source, {
    ...KEEP_NATIVE,
    transforms: ["typescript", "imports"],
    filePath: filename,
  }).code;
}
