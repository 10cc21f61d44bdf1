import { closestName } from "../errors/closest-name.js";
import { MigError } from "../errors/mig-error.js";
import { valueKind } from "../errors/value-kind.js";
import { RUN_EVENT_KEYS } from "../runtime/run-events.js";

/**
 * The checks an application's call gets before anything opens, for callers without the
 * types (JavaScript): `upgrade("head")` or `downgrade({ target: 1 })` is a usage error
 * naming the call and how to write it, not a TypeError from deep inside the run.
 */
export function assertCallOptions(
  call: string,
  options: unknown,
  example: string,
): asserts options is Record<string, unknown> | undefined {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw callError(`${call}() takes an options object, not ${valueKind(options)}.`, example);
  }
}

/** `options[name]` is a string (or absent, where `optional`). */
export function assertStringOption(
  call: string,
  options: Record<string, unknown> | undefined,
  name: string,
  example: string,
  optional: boolean,
): void {
  assertOptionKind(call, options?.[name], name, ["string"], example, !optional);
}

/** `options[name]` is an array of strings (or absent, where `optional`). */
export function assertStringsOption(
  call: string,
  options: Record<string, unknown> | undefined,
  name: string,
  example: string,
  optional = false,
): void {
  assertOptionKind(call, options?.[name], name, ["strings"], example, !optional);
}

function callError(message: string, example: string): MigError {
  return new MigError("invalid_call", message, { usage: true, hint: `For example: ${example}` });
}

/** What an option may be, for `assertOptionKinds`. */
export type OptionKind = "string" | "strings" | "boolean" | "date" | "count";

const KIND_NAMES: Record<OptionKind, string> = {
  string: "a string",
  strings: "an array of strings",
  boolean: "true or false",
  date: "a Date",
  count: "a whole number of at least 1",
};

const IS_KIND: Record<OptionKind, (value: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  strings: (v) => Array.isArray(v) && v.every((s) => typeof s === "string"),
  boolean: (v) => typeof v === "boolean",
  date: (v) => v instanceof Date && !Number.isNaN(v.getTime()),
  count: (v) => Number.isSafeInteger(v) && (v as number) >= 1,
};

/**
 * The options object, and each named option that is present, of one of its kinds: `revision({
 * head: 5 })` is a usage error naming the call and option, not a TypeError from inside it.
 * `required` names the options that must be present.
 */
export function assertOptionKinds(
  call: string,
  options: unknown,
  kinds: Readonly<Record<string, readonly OptionKind[]>>,
  example: string,
  required: readonly string[] = [],
): void {
  if (options === undefined && required.length > 0) {
    throw callError(
      `${call}() takes an options object with its ${required.join(" and ")}.`,
      example,
    );
  }
  assertCallOptions(call, options, example);
  for (const [name, allowed] of Object.entries(kinds)) {
    assertOptionKind(call, options?.[name], name, allowed, example, required.includes(name));
  }
}

/** One option's `value` is of one of the `allowed` kinds (or absent, unless `required`). */
function assertOptionKind(
  call: string,
  value: unknown,
  name: string,
  allowed: readonly OptionKind[],
  example: string,
  required: boolean,
): void {
  if (value === undefined && !required) return;
  if (allowed.some((kind) => IS_KIND[kind](value))) return;
  const want = allowed.map((kind) => KIND_NAMES[kind]).join(" or ");
  const what =
    Array.isArray(value) && allowed.includes("strings")
      ? `an array holding ${valueKind(value.find((v) => typeof v !== "string"))}`
      : valueKind(value);
  throw callError(`${call}()'s ${name} must be ${want}, not ${what}.`, example);
}

/**
 * Every option given (and not undefined) is one the call takes: `upgrade({ sqll: true })` is
 * a usage error naming the nearest option, not a run that ignores it and applies online.
 */
export function assertKnownOptions(
  call: string,
  options: unknown,
  known: object,
  example: string,
): asserts options is Record<string, unknown> | undefined {
  assertCallOptions(call, options, example);
  if (options === undefined) return;
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || Object.hasOwn(known, key)) continue;
    if (Object.hasOwn(known, "events") && Object.hasOwn(RUN_EVENT_KEYS, key)) {
      throw callError(`${call}() has no option '${key}': it goes in events: { ${key} }.`, example);
    }
    const near = closestName(key, Object.keys(known));
    const guess = near === undefined ? "." : `: did you mean '${near}'?`;
    throw callError(`${call}() has no option '${key}'${guess}`, example);
  }
}
