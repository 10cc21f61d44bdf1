/**
 * Masking a database URL's password, robust to URLs that are not well formed: a password
 * with an unencoded `#`, `?`, `/`, `@` or `:` must not survive in any message. When the
 * URL is ambiguous this masks more than the password, never less.
 */

const PREFIX = /^\s*[a-zA-Z][a-zA-Z0-9+.-]*:\/*/;
const NO_SCHEME = /^\s*\/*/;
/**
 * A secret in a query: the value of any parameter whose name reads like one (`password`,
 * `sslpassword`, a misspelt `pasword`, `pwd`, `...token`, `...secret`), masking more than
 * needed rather than less. Not `sslkey`: a file's path, which its errors name. The value
 * runs to the next `&name=` (a `&` or `#` may be in it).
 */
const QUERY_SECRET =
  /([?&;][\w.-]*?(?:pas|pw|word|secret|token|cred)[\w.-]*=)(.*?)(?=&[A-Za-z_][\w.-]*=|$)/gis;

/**
 * Where the userinfo password sits: after the first `:` past `scheme://`, up to the last `@`.
 * With the scheme left off: after the first `:` past any leading slashes (`//user:pw@host`),
 * or all of `user:pw@` after what reads as a scheme `user:` (masking more, never less).
 */
export function userinfoPassword(raw: string): { start: number; end: number } | undefined {
  const prefix = (PREFIX.exec(raw) ?? NO_SCHEME.exec(raw)!)[0];
  const at = raw.lastIndexOf("@");
  if (at < 0) return unterminatedPassword(raw, prefix);
  const colon = raw.indexOf(":", prefix.length);
  if (colon >= 0 && colon < at) return { start: colon + 1, end: at };
  // `user:password@host` with the scheme left off reads as scheme `user`: what follows it.
  if (prefix.endsWith(":") && at > prefix.length) return { start: prefix.length, end: at };
  return undefined;
}

/**
 * `scheme://user:password` with no `@` (a host left off, or a `.env` value cut at an
 * unquoted `#`): what follows the first `:` of the authority, to the end, unless it reads as
 * a port (`host:5432/db`). A bracketed IPv6 host's colons are not that `:`.
 */
function unterminatedPassword(
  raw: string,
  prefix: string,
): { start: number; end: number } | undefined {
  if (!prefix.includes("//")) return undefined;
  // `scheme:///path`: an empty authority, so no userinfo (`sqlite:///file:data/app.db`, an
  // SQLite URI filename, is a path whose `file:` is not a user name).
  if (/:\/{3,}$/.test(prefix)) return undefined;
  const from = raw[prefix.length] === "[" ? raw.indexOf("]", prefix.length) : prefix.length;
  const colon = from < 0 ? -1 : raw.indexOf(":", from);
  // `sqlite://:memory:`: no user, so no `user:password`.
  if (colon <= from) return undefined;
  const after = raw.slice(colon + 1);
  if (/^\d*(?:[/?#]|$)/.test(after)) return undefined;
  return { start: colon + 1, end: raw.length };
}

/** The URL with its password (in the userinfo and in `?password=`) replaced by `***`. */
export function maskUrl(raw: string): string {
  const span = userinfoPassword(raw);
  const out = span ? `${raw.slice(0, span.start)}***${raw.slice(span.end)}` : raw;
  return out.replace(QUERY_SECRET, "$1***");
}

/** Every spelling of the URL's passwords a message might contain: as written, decoded, encoded. */
export function urlSecrets(raw: string): string[] {
  const written: string[] = [];
  const span = userinfoPassword(raw);
  if (span) {
    const secret = raw.slice(span.start, span.end);
    written.push(secret);
    // With no `@`, where the password ends is a guess: each place it may end too.
    if (!raw.includes("@")) {
      for (const end of [":", "/", "?", "#"].map((c) => secret.indexOf(c))) {
        if (end > 0) written.push(secret.slice(0, end));
      }
    }
  }
  for (const m of raw.matchAll(QUERY_SECRET)) written.push(m[2]!);
  const forms = new Set<string>();
  for (const secret of written) {
    forms.add(secret);
    forms.add(safeDecode(secret));
    forms.add(safeDecode(secret.replaceAll("+", " ")));
    forms.add(encodeURIComponent(safeDecode(secret)));
    forms.add(encodeURIComponent(secret));
  }
  return [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

/** Masks the URL, and every spelling of its passwords, wherever they occur in `text`. */
export function maskSecretsOf(text: string, raw: string): string {
  let out = text.split(raw).join(maskUrl(raw));
  for (const secret of urlSecrets(raw)) {
    // A one- or two-character password is masked only as a whole word, not inside words.
    if (secret.length >= 3) out = out.split(secret).join("***");
    else
      out = out.replace(
        new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`, "gu"),
        "***",
      );
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
