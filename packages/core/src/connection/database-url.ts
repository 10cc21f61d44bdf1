import { MigError } from "../errors/mig-error.js";
import { maskSecretsOf, maskUrl, userinfoPassword } from "./database-url-mask.js";

export { maskUrl };

/** A database URL split into its scheme and parts, never printed with its password. */
export interface DatabaseUrl {
  /** As given. Never print this; print `masked`. */
  readonly raw: string;
  /** Lowercase, without the colon: `postgresql`, `sqlite`, `file`. */
  readonly scheme: string;
  /** Everything after `scheme:`. */
  readonly rest: string;
  /** The parsed URL for `scheme://` forms; undefined for `sqlite:./file.db` and the like. */
  readonly url: URL | undefined;
  /** Query parameters (both forms). */
  readonly params: URLSearchParams;
  /** The URL with any password replaced by `***`. */
  readonly masked: string;
}

export function parseDatabaseUrl(raw: string): DatabaseUrl {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(raw.trim());
  if (!match || raw.trim().length < 3 || /^[a-zA-Z]:[\\/]/.test(raw)) {
    throw new MigError("invalid_url", `The database URL '${maskUrl(raw)}' has no scheme.`, {
      usage: true,
      hint: "Write it as sqlite:./app.db, postgres://user@host/db or mysql://user@host/db.",
    });
  }
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  let url: URL | undefined;
  if (rest.startsWith("//")) {
    // A password with an unencoded `/ ? # @` moves the host into the path or the fragment:
    // refuse such a URL instead of connecting somewhere odd and naming part of the password.
    if (ambiguousUserinfo(raw, rest)) throw malformed(raw);
    try {
      url = new URL(raw.trim());
    } catch {
      url = withoutHost(raw.trim());
      if (url === undefined) {
        // Forms like `sqlite://:memory:` are not WHATWG URLs; their dialect parses `rest`.
        // A URL with credentials must parse here, so its password is masked reliably.
        // (No `cause`: the TypeError carries the raw URL as its `input`.)
        if (!rest.includes("@"))
          return { raw, scheme, rest, url: undefined, params: queryOf(rest), masked: maskUrl(raw) };
        throw malformed(raw);
      }
    }
  }
  return {
    raw,
    scheme,
    rest,
    url,
    params: url ? url.searchParams : queryOf(rest),
    masked: maskUrl(raw),
  };
}

// Credentials and no host: `postgres://user:password@/db?host=/cloudsql/instance`.
const EMPTY_HOST = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*@(?=[/?#]|$)/;

/**
 * libpq's (and pg's) URL with credentials but no host, which leaves the host to `?host=` (a
 * socket directory) or the default. A WHATWG URL cannot have credentials without a host, so
 * it is read with `localhost`, the host the dialects assume when none is given; a `host`
 * query parameter still wins over it. Undefined when `raw` is not of that form.
 */
function withoutHost(raw: string): URL | undefined {
  const authority = EMPTY_HOST.exec(raw)?.[0];
  if (authority === undefined) return undefined;
  try {
    return new URL(`${authority}localhost${raw.slice(authority.length)}`);
  } catch {
    return undefined;
  }
}

function malformed(raw: string): MigError {
  return new MigError("invalid_url", `The database URL '${maskUrl(raw)}' is malformed.`, {
    usage: true,
    hint: "Write it as scheme://user:password@host:port/database, with special characters in the user and password percent-encoded (# as %23, / as %2F, ? as %3F, @ as %40, : as %3A, % as %25).",
  });
}

/** An `@` after the host part, with a `:` before it: the userinfo cannot be told apart. */
function ambiguousUserinfo(raw: string, rest: string): boolean {
  const end = rest.slice(2).search(/[/?#]/);
  if (end <= 0) return false;
  return rest.slice(2 + end).includes("@") && userinfoPassword(raw) !== undefined;
}

function queryOf(rest: string): URLSearchParams {
  const query = rest.indexOf("?");
  if (query < 0) return new URLSearchParams();
  const hash = rest.indexOf("#", query);
  return new URLSearchParams(rest.slice(query + 1, hash < 0 ? undefined : hash));
}

/** Masks the URL, and every spelling of its password, wherever they occur in `text`. */
export function maskSecrets(text: string, url: DatabaseUrl | undefined): string {
  return url ? maskSecretsOf(text, url.raw) : text;
}

/** A percent-encoded part of a URL (user, password, database), or undefined when empty. */
export function decodeUrlPart(url: DatabaseUrl, text: string): string | undefined {
  if (text === "") return undefined;
  try {
    return decodeURIComponent(text);
  } catch (cause) {
    throw new MigError(
      "invalid_url",
      `The database URL '${url.masked}' has a malformed percent-escape.`,
      {
        usage: true,
        hint: "Percent-encode special characters in the user, password and database (e.g. @ as %40).",
        cause,
      },
    );
  }
}

/** The error for a URL a dialect cannot use: `The database URL '<masked>' <what>.` */
export function invalidUrl(url: DatabaseUrl, what: string, hint: string): MigError {
  return new MigError("invalid_url", `The database URL '${url.masked}' ${what}.`, {
    usage: true,
    hint,
  });
}
