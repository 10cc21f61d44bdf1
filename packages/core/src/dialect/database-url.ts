import { MigError } from "../errors/mig-error.js";

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
      hint: "Write it as sqlite:./app.db, postgres://user@host/db or mysql://user@host/db.",
    });
  }
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  let url: URL | undefined;
  if (rest.startsWith("//")) {
    try {
      url = new URL(raw.trim());
    } catch (cause) {
      // Forms like `sqlite://:memory:` are not WHATWG URLs; their dialect parses `rest`.
      // A URL with credentials must parse here, so its password is masked reliably.
      if (!/^\/\/[^/?#]*@/.test(rest))
        return { raw, scheme, rest, url: undefined, params: queryOf(rest), masked: maskUrl(raw) };
      throw new MigError("invalid_url", `The database URL '${maskUrl(raw)}' is malformed.`, {
        hint: "Check it against scheme://user:password@host:port/database (percent-encode special characters).",
        cause,
      });
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

function queryOf(rest: string): URLSearchParams {
  const query = rest.indexOf("?");
  if (query < 0) return new URLSearchParams();
  const hash = rest.indexOf("#", query);
  return new URLSearchParams(rest.slice(query + 1, hash < 0 ? undefined : hash));
}

/** Replaces the password in `scheme://user:password@host` and `?password=` with `***`. */
export function maskUrl(raw: string): string {
  return raw
    .replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/, "$1:***@")
    .replace(/([?&](?:password|pass|pwd)=)[^&#]*/gi, "$1***");
}

/** Masks every occurrence of the URL's password in an arbitrary message. */
export function maskSecrets(text: string, url: DatabaseUrl | undefined): string {
  if (!url?.url?.password) return text;
  let out = text.split(url.raw).join(url.masked);
  const secret = url.url.password;
  for (const form of new Set([secret, decodeURIComponent(secret)])) {
    if (form.length > 0) out = out.split(form).join("***");
  }
  return out;
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
        hint: "Percent-encode special characters in the user, password and database (e.g. @ as %40).",
        cause,
      },
    );
  }
}

/** The error for a URL a dialect cannot use: `The database URL '<masked>' <what>.` */
export function invalidUrl(url: DatabaseUrl, what: string, hint: string): MigError {
  return new MigError("invalid_url", `The database URL '${url.masked}' ${what}.`, { hint });
}
