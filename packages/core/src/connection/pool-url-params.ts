import { MigError } from "../errors/mig-error.js";
import { DEFAULT_POOL_OPTIONS, type PoolOptions } from "./pool-options.js";

/** The URL query parameters `poolOptionsFromParams` reads, SQLAlchemy's names. */
export const POOL_URL_PARAMS = [
  "pool_size",
  "max_overflow",
  "pool_timeout",
  "pool_recycle",
  "pre_ping",
] as const;

/**
 * Pool options from a database URL's query: the URL's `pool_*` parameters win over `base`
 * (the config's), which wins over the defaults. Times are seconds in the URL (fractions
 * allowed) and milliseconds in `base` and the result. `maskedUrl` names the URL in messages.
 */
export function poolOptionsFromParams(
  params: URLSearchParams,
  base: PoolOptions = {},
  maskedUrl?: string,
): Required<PoolOptions> {
  const p = params;
  const u = maskedUrl;
  const fromUrl: PoolOptions = {
    ...(p.has("pool_size") ? { poolSize: wholeParam(p, "pool_size", 0, u) } : {}),
    ...(p.has("max_overflow") ? { maxOverflow: wholeParam(p, "max_overflow", -1, u) } : {}),
    ...(p.has("pool_timeout") ? { poolTimeout: secondsParam(p, "pool_timeout", 0, u) } : {}),
    ...(p.has("pool_recycle") ? { poolRecycle: secondsParam(p, "pool_recycle", -1, u) } : {}),
    ...(p.has("pre_ping") ? { prePing: flagParam(p, "pre_ping", u) } : {}),
  };
  const given = Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_POOL_OPTIONS, ...given, ...fromUrl };
}

/** A whole-number parameter of at least `min`; `url` (masked) names the URL in messages. */
export function wholeParam(q: URLSearchParams, name: string, min: number, url?: string): number {
  const raw = q.get(name) ?? "";
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n) || n < min) {
    throw invalidParam(url, name, raw, `${name} takes a whole number of at least ${min}.`);
  }
  return n;
}

/** Seconds in the URL (fractions allowed), milliseconds in the result; -1 stays -1. */
export function secondsParam(q: URLSearchParams, name: string, min: number, url?: string): number {
  const raw = q.get(name) ?? "";
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < min || (n < 0 && n !== -1)) {
    const never = min < 0 ? "-1 for never, " : "";
    throw invalidParam(url, name, raw, `${name} takes seconds (${never}fractions allowed).`);
  }
  return n < 0 ? -1 : Math.round(n * 1000);
}

/** A boolean parameter; present without a value (`?pre_ping`) means true. */
export function flagParam(q: URLSearchParams, name: string, url?: string): boolean {
  const raw = (q.get(name) ?? "").toLowerCase();
  if (["true", "1", "yes", "on", ""].includes(raw)) return true;
  if (["false", "0", "no", "off"].includes(raw)) return false;
  throw invalidParam(url, name, raw, `${name} takes true or false.`);
}

function invalidParam(maskedUrl: string | undefined, name: string, raw: string, hint: string) {
  const url = maskedUrl === undefined ? "The database URL" : `The database URL '${maskedUrl}'`;
  return new MigError("invalid_url", `${url} has ${name}=${raw}.`, { usage: true, hint });
}
