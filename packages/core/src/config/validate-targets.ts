import { invalid, isObject, shown, unknownKey } from "./config-value.js";
import type { FleetTarget } from "./fleet-target.js";

const TARGET_KEYS = new Set(["name", "url", "schema", "database"]);

/**
 * Checks a fleet's targets: a list of `{ name, url?, schema?, database? }` with unique
 * names. Messages start with `file` (the config's name) and call the list `what`
 * ("targets", "the targets() hook's result"). Returns them typed.
 */
export function validateTargets(
  value: unknown,
  file: string,
  what = "targets",
): readonly FleetTarget[] {
  const source = `${file}: ${what}`;
  if (!Array.isArray(value)) {
    throw invalid(
      `${source} must be an array of targets (got ${shown(value)}).`,
      'Write it as [{ name: "tenant_a", url: "postgres://..." }, ...].',
    );
  }
  const seen = new Map<string, number>();
  value.forEach((entry: unknown, i) => {
    const at = `${source}[${i}]`;
    if (!isObject(entry)) {
      throw invalid(
        `${at} must be an object (got ${shown(entry)}).`,
        'Write each target as { name: "tenant_a", url: "...", schema: "..." }.',
      );
    }
    if (typeof entry.name !== "string" || entry.name === "") {
      throw invalid(
        `${at} has no name${entry.name === undefined ? "" : ` (got ${shown(entry.name)})`}.`,
        'Give every target a unique name: { name: "tenant_a", ... }.',
      );
    }
    const label = `${file}: target '${entry.name}'`;
    const first = seen.get(entry.name);
    if (first !== undefined) {
      throw invalid(
        `${file}: two targets are named '${entry.name}' (${what}[${first}] and [${i}]).`,
        "Target names must be unique: rename one of them.",
      );
    }
    seen.set(entry.name, i);
    for (const key of Object.keys(entry)) {
      if (!TARGET_KEYS.has(key)) {
        throw unknownKey(label, key, [...TARGET_KEYS]);
      }
    }
    for (const key of ["url", "schema", "database"] as const) {
      const v = entry[key];
      if (v !== undefined && (typeof v !== "string" || v === "")) {
        throw invalid(
          `${label}: '${key}' must be a non-empty string (got ${key === "url" ? typeof v : shown(v)}).`,
          key === "url"
            ? 'Write url: "postgres://...", or leave it out to use the config\'s url.'
            : `Write ${key}: "name", or leave it out.`,
        );
      }
    }
  });
  return value as readonly FleetTarget[];
}
