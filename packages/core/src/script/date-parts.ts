import { TemplateError } from "./script-errors.js";

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Minutes east of UTC. */
  readonly offset: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `date` in an IANA `timezone` (UTC when not given). */
export function dateParts(date: Date, timezone?: string): DateParts {
  if (timezone === undefined || timezone === "UTC") {
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      offset: 0,
    };
  }
  const fields: Record<string, number> = {};
  for (const part of format(timezone).formatToParts(date)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  return { year, month, day, hour, minute, second, offset };
}

function format(timezone: string): Intl.DateTimeFormat {
  let f = formats.get(timezone);
  if (f) return f;
  // Like Alembic, retry an unknown zone name in upper case ("utc" -> "UTC").
  for (const zone of [timezone, timezone.toUpperCase()]) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
      break;
    } catch {}
  }
  if (!f) {
    throw new TemplateError(
      `Unknown timezone '${timezone}'.`,
      "Set `timezone` to an IANA zone name such as Europe/Paris, or remove it for UTC.",
    );
  }
  formats.set(timezone, f);
  return f;
}

/** `2024-05-01 14:03:09+02:00`, the way a script's creation date is shown. */
export function formatCreateDate(date: Date, timezone?: string): string {
  const p = dateParts(date, timezone);
  const two = (n: number) => String(n).padStart(2, "0");
  const sign = p.offset < 0 ? "-" : "+";
  const off = Math.abs(p.offset);
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}${sign}${two(Math.floor(off / 60))}:${two(off % 60)}`;
}
