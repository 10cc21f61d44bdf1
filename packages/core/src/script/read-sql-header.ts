import { closestName } from "../errors/closest-name.js";
import { HeaderParseError } from "./script-errors.js";
import type { ScriptInfo } from "./script-info.js";

const KEYS = new Set([
  "revision",
  "down_revision",
  "branch_labels",
  "depends_on",
  "message",
  "transactional",
]);
const KEY_LINE = /^([A-Za-z][\w-]*)\s*:(.*)$/;
export const SQL_MARKER = /^\s*--\s*migrate:(up|down)\s*$/i;

/**
 * Reads the `-- key: value` comment lines at the top of a SQL migration, up to its
 * `-- migrate:up` line. Keys may be snake_case, kebab-case or camelCase; other comment
 * lines are ignored. `file` is only used in error messages.
 */
export function readSqlHeader(text: string, file: string): ScriptInfo {
  const values = new Map<string, string>();
  let line = 0;
  let from = 0;
  let reachedUp = false;
  while (from < text.length && !reachedUp) {
    const eol = text.indexOf("\n", from);
    const raw = text.slice(from, eol < 0 ? text.length : eol);
    from = eol < 0 ? text.length : eol + 1;
    line++;
    const marker = SQL_MARKER.exec(raw);
    if (marker) {
      if (marker[1]!.toLowerCase() === "down") {
        throw new HeaderParseError(
          file,
          line,
          "`-- migrate:down` comes before `-- migrate:up`",
          UP_HINT,
        );
      }
      reachedUp = true;
      continue;
    }
    const trimmed = raw.trim();
    if (trimmed === "") continue;
    if (!trimmed.startsWith("--"))
      throw new HeaderParseError(file, line, "SQL before the `-- migrate:up` line", UP_HINT);
    const kv = KEY_LINE.exec(trimmed.slice(2).trim());
    if (!kv) continue;
    const key = kv[1]!
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .toLowerCase()
      .replaceAll("-", "_");
    if (!KEYS.has(key)) {
      // Other `-- name: text` comments are the author's; one a letter or two off a header key
      // (`branch_label`) is a header line that would otherwise be ignored.
      const near = closestName(key, [...KEYS], 2);
      if (near === undefined || key.length < 6) continue;
      throw new HeaderParseError(
        file,
        line,
        `\`${kv[1]}\` is not a header key; did you mean \`${near}\`?`,
        `Write it as -- ${near}: ...`,
      );
    }
    if (values.has(key))
      throw new HeaderParseError(
        file,
        line,
        `\`${key}\` is given twice`,
        "Keep one of those lines.",
      );
    values.set(key, kv[2]!.trim());
    if (key === "revision" && kv[2]!.trim() === "") {
      throw new HeaderParseError(
        file,
        line,
        "`revision` is empty",
        "Write it as -- revision: ae1027a6acf0",
      );
    }
    if (key === "transactional" && !/^(true|false)$/i.test(kv[2]!.trim())) {
      throw new HeaderParseError(
        file,
        line,
        "`transactional` must be true or false",
        "Write -- transactional: false",
      );
    }
  }
  if (!reachedUp) throw new HeaderParseError(file, undefined, "no `-- migrate:up` line", UP_HINT);
  const revision = values.get("revision");
  if (revision === undefined) {
    throw new HeaderParseError(
      file,
      undefined,
      "no `-- revision:` line",
      "Add a line -- revision: <id> at the top.",
    );
  }
  const down = values.get("down_revision");
  if (down === undefined) {
    throw new HeaderParseError(
      file,
      undefined,
      "no `-- down_revision:` line",
      "Add -- down_revision: none for a base, or the id of the revision this one follows.",
    );
  }
  const header = {
    revision,
    downRevisions: splitList(down),
    branchLabels: splitList(values.get("branch_labels")),
    dependsOn: splitList(values.get("depends_on")),
    message: values.get("message") ?? "",
  };
  const transactional = values.get("transactional");
  return transactional === undefined
    ? { header }
    : { header, transactional: transactional.toLowerCase() === "true" };
}

const UP_HINT =
  "Put the header comments first, then the upgrade SQL after a `-- migrate:up` line and the downgrade after `-- migrate:down`.";

/** `a, b` -> ["a", "b"]; empty, `none` or `null` -> []. */
function splitList(value: string | undefined): readonly string[] {
  if (value === undefined || /^(|none|null)$/i.test(value)) return [];
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
