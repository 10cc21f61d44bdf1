import { dateParts } from "./date-parts.js";
import { TemplateError } from "./script-errors.js";

/** The default file name template: date and time first, so scripts list in the order they were written. */
export const DEFAULT_FILE_TEMPLATE =
  "%(year)d%(month).2d%(day).2d_%(hour).2d%(minute).2d_%(rev)s_%(slug)s";

/** Alembic's default `truncate_slug_length`. */
export const SLUG_LENGTH = 40;

export interface FileNameValues {
  readonly rev: string;
  readonly slug: string;
  readonly date: Date;
  /** IANA zone for the date fields; default UTC. */
  readonly timezone?: string;
}

// Python's printf-style mapping conversions: %(name)[flags][width][.precision](s|d|i), or %%.
const SPEC = /%(?:\(([^)]*)\)([-0 +#]*)(\d*)(?:\.(\d*))?([sdi])|%)/y;

/**
 * Renders an Alembic-style file name template (without the extension), e.g. the default
 * gives `20240501_1403_ae1027a6acf0_add_account_table`. Tokens: rev, slug, year, month,
 * day, hour, minute, second, epoch.
 */
export function renderFileName(template: string, values: FileNameValues): string {
  const p = dateParts(values.date, values.timezone);
  const tokens: Readonly<Record<string, string | number>> = {
    rev: values.rev,
    slug: values.slug,
    epoch: Math.floor(values.date.getTime() / 1000),
    year: p.year,
    month: p.month,
    day: p.day,
    hour: p.hour,
    minute: p.minute,
    second: p.second,
  };
  let out = "";
  for (let i = 0; i < template.length; ) {
    const at = template.indexOf("%", i);
    if (at < 0) return out + template.slice(i);
    out += template.slice(i, at);
    SPEC.lastIndex = at;
    const m = SPEC.exec(template);
    if (!m) throw bad(template, `unsupported format at '${template.slice(at, at + 12)}'`);
    i = SPEC.lastIndex;
    if (m[0] === "%%") {
      out += "%";
      continue;
    }
    const [, name = "", flags = "", width = "", precision, conversion] = m;
    if (!Object.hasOwn(tokens, name)) throw bad(template, `unknown token '%(${name})'`);
    out += convert(
      tokens[name]!,
      conversion!,
      flags,
      Number(width || 0),
      precision,
      template,
      name,
    );
  }
  return out;
}

function convert(
  value: string | number,
  conversion: string,
  flags: string,
  width: number,
  precision: string | undefined,
  template: string,
  name: string,
): string {
  let text: string;
  if (conversion === "s") {
    text = String(value);
    if (precision !== undefined) text = text.slice(0, Number(precision || 0));
  } else {
    if (typeof value !== "number")
      throw bad(template, `'%(${name})${conversion}' needs a number; use %(${name})s`);
    text = String(Math.abs(Math.trunc(value))).padStart(Number(precision ?? 0), "0");
    const sign = value < 0 ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
    if (flags.includes("0") && !flags.includes("-")) text = text.padStart(width - sign.length, "0");
    text = sign + text;
  }
  return flags.includes("-") ? text.padEnd(width) : text.padStart(width);
}

function bad(template: string, problem: string): TemplateError {
  return new TemplateError(
    `Cannot render the file template '${template}': ${problem}.`,
    "Use %(name)s / %(name)d / %(name).2d with rev, slug, year, month, day, hour, minute, second or epoch, and %% for a percent sign.",
  );
}

/**
 * The slug Alembic puts in file names: the message's word characters joined by `_`,
 * lower-cased; when longer than `length` it is cut at the last `_` within `length`
 * characters and gets a trailing `_` (as Alembic's `ScriptDirectory._rev_path` does).
 */
export function slugify(message: string, length = SLUG_LENGTH): string {
  const slug = (message.match(/[\p{L}\p{N}_]+/gu) ?? []).join("_").toLowerCase();
  const chars = Array.from(slug);
  if (chars.length <= length) return slug;
  const cut = chars.slice(0, length).join("");
  const last = cut.lastIndexOf("_");
  return (last < 0 ? cut : cut.slice(0, last)) + "_";
}
