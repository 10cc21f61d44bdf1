import { closestName } from "../errors/closest-name.js";
import { MigError } from "../errors/mig-error.js";

// What the config checks share: the tests for a value and how a bad one is shown.

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A value as the user wrote it, short. */
export const shown = (v: unknown): string => {
  const text = typeof v === "function" ? "a function" : (JSON.stringify(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

/** A config mistake: a usage error with its fix. */
export function invalid(message: string, hint: string): MigError {
  return new MigError("config_invalid", message, { usage: true, hint });
}

/** `<subject> has an unknown key '<key>'`, with the known key it most likely meant, if one. */
export function unknownKey(subject: string, key: string, known: readonly string[]): MigError {
  const near = closestName(key, known);
  return invalid(
    `${subject} has an unknown key '${key}'${near ? ` (did you mean '${near}'?)` : ""}.`,
    `Known keys: ${known.join(", ")}.`,
  );
}
