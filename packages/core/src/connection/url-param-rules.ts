import { closestName } from "../errors/closest-name.js";
import { MigError } from "../errors/mig-error.js";

/** The URL a check names in its message: masked, and its scheme for the hint. */
export interface UrlInMessages {
  readonly masked: string;
  readonly scheme: string;
}

/** Which query parameters a dialect reads, and what it says of some it does not. */
export interface UrlParamRules {
  /** Parameters the dialect reads. */
  readonly read: readonly string[];
  /** Other tools' parameters a shared URL carries (Prisma's `connection_limit`): passed over. */
  readonly others?: readonly string[];
  /**
   * Parameters asking for what the dialect cannot give (libpq's `channel_binding`), each
   * with the hint to print: ignored, the connection would lack what the URL asked for.
   */
  readonly refused?: Readonly<Record<string, string>>;
  /**
   * Beginnings of names refused when the dialect does not read them (`ssl`, `tls`), with
   * the hint to print: another client's TLS settings, ignored, would connect without TLS.
   */
  readonly refusedPrefixes?: Readonly<Record<string, string>>;
}

/**
 * Checks a URL's query parameters beyond those a dialect reads. Most are another tool's (a
 * `DATABASE_URL` shared with the application) and are passed over, but these are refused:
 * a parameter the dialect reads given twice (libpq takes the last, URLSearchParams the
 * first), the names and beginnings of names the rules refuse, letter case aside, and a name
 * a few letters from one the dialect reads or refuses (`sslmod`, `timout`, `chanel_binding`),
 * which ignored would connect without what it asked for.
 */
export function checkUrlParams(
  params: URLSearchParams,
  rules: UrlParamRules,
  url: UrlInMessages,
): void {
  const refused = new Map(
    Object.entries(rules.refused ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  for (const name of new Set(params.keys())) {
    if (rules.read.includes(name)) {
      if (params.getAll(name).length > 1) {
        throw paramError(url, name, " more than once", `Give ${name} once.`);
      }
      continue;
    }
    const lower = name.toLowerCase();
    const exact = refused.get(lower);
    if (exact) throw paramError(url, name, ", which mig cannot honour", exact);
    if (rules.others?.includes(name)) continue;
    const near = closestName(name, [...rules.read, ...refused.keys()]);
    if (near !== undefined && refused.has(near)) {
      throw paramError(url, name, `, which mig cannot honour (as ${near})`, refused.get(near)!);
    }
    if (near !== undefined) {
      const hint = `Did you mean ${near}? (${url.scheme}: URLs take ${[...rules.read].sort().join(", ")}.)`;
      throw paramError(url, name, ", which mig does not read", hint);
    }
    const prefix = Object.entries(rules.refusedPrefixes ?? {}).find(([p]) => lower.startsWith(p));
    if (prefix) throw paramError(url, name, ", which mig cannot honour", prefix[1]);
  }
}

function paramError(url: UrlInMessages, name: string, why: string, hint: string): MigError {
  return new MigError(
    "invalid_url",
    `The database URL '${url.masked}' has the parameter '${name}'${why}.`,
    { usage: true, hint },
  );
}
