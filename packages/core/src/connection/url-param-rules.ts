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
}

/**
 * Checks a URL's query parameters beyond those a dialect reads. Most are another tool's (a
 * `DATABASE_URL` shared with the application) and are passed over, but two kinds are refused:
 * a name a few letters from one the dialect reads (`sslmod`, `timout`), which ignored would
 * connect without what it asked for, and the names `rules.refused` lists.
 */
export function checkUrlParams(
  params: URLSearchParams,
  rules: UrlParamRules,
  url: UrlInMessages,
): void {
  for (const name of new Set(params.keys())) {
    if (rules.read.includes(name)) continue;
    const refused = rules.refused && Object.hasOwn(rules.refused, name) && rules.refused[name];
    if (refused) throw paramError(url, name, "which mig cannot honour", refused);
    if (rules.others?.includes(name)) continue;
    const near = closestName(name, rules.read);
    if (near !== undefined) {
      const hint = `Did you mean ${near}? (${url.scheme}: URLs take ${[...rules.read].sort().join(", ")}.)`;
      throw paramError(url, name, "which mig does not read", hint);
    }
  }
}

function paramError(url: UrlInMessages, name: string, why: string, hint: string): MigError {
  return new MigError(
    "invalid_url",
    `The database URL '${url.masked}' has the parameter '${name}', ${why}.`,
    { usage: true, hint },
  );
}
