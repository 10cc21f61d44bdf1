/**
 * A seeded generator of database URLs whose passwords are awkward: unencoded `# ? / @ : %`,
 * brackets, spaces, unicode, bad percent-escapes, in the userinfo or in `?password=`.
 * Shared by the core masking test and the CLI's output test.
 */

export const FUZZ_SCHEMES = ["postgres", "postgresql", "mysql", "mariadb", "sqlite", "foodb"];

const SPECIALS = [
  "#",
  "?",
  "/",
  "@",
  ":",
  "%",
  "[",
  "]",
  " ",
  "%zz",
  "%4",
  "é",
  "密",
  "🙂",
  "+",
  "&",
];
const LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** mulberry32: small, fast and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A password with a recognisable letter run on each side of one to three special parts. */
export function fuzzPassword(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const word = (n: number) => Array.from({ length: n }, () => pick([...LETTERS])).join("");
  const parts = [word(4)];
  const specials = 1 + Math.floor(random() * 3);
  for (let i = 0; i < specials; i++) parts.push(pick(SPECIALS), word(2));
  return `${parts.join("")}${word(3)}`;
}

export interface FuzzUrl {
  readonly url: string;
  readonly password: string;
  /** How the password is placed, for failure messages. */
  readonly shape: string;
}

/** URL shapes around a password, on a loopback port nothing listens on. */
export function urlShapes(scheme: string, pw: string, hostPort = "127.0.0.1:1"): FuzzUrl[] {
  const shapes: [string, string][] = [
    ["userinfo", `${scheme}://app:${pw}@${hostPort}/db`],
    ["userinfo+query", `${scheme}://app:${pw}@${hostPort}/db?connect_timeout=5`],
    ["encoded userinfo", `${scheme}://app:${encodeURIComponent(pw)}@${hostPort}/db`],
    ["query", `${scheme}://${hostPort}/db?user=app&password=${pw}`],
    ["query, then more", `${scheme}://${hostPort}/db?password=${pw}&connect_timeout=5`],
    ["no slashes", `${scheme}:app:${pw}@${hostPort}/db`],
    ["one slash", `${scheme}:/app:${pw}@${hostPort}/db`],
    ["user only, then password in query", `${scheme}://app@${hostPort}/db?pwd=${pw}`],
  ];
  // No `@` (the host left off, or a .env value cut at an unquoted `#`): masked to the end,
  // unless what follows the `:` reads as a port, as in `host:5432/db`.
  if (!/^\d*(?:[/?#]|$)/.test(pw)) {
    shapes.push(
      ["no host", `${scheme}://app:${pw}`],
      ["no host, a path", `${scheme}://app:${pw}/db`],
      ["no host, a port", `${scheme}://app:${pw}:5432/db`],
    );
  }
  return shapes.map(([shape, url]) => ({ url, password: pw, shape }));
}

/** The spellings of a password that must never be printed. */
export function passwordForms(pw: string): string[] {
  const forms = new Set([pw, encodeURIComponent(pw)]);
  try {
    forms.add(decodeURIComponent(pw));
  } catch {
    // Not decodable: only the forms above can appear.
  }
  return [...forms];
}

/** The first spelling of the password found in `text`, if any. */
export function leakedForm(text: string, pw: string): string | undefined {
  return passwordForms(pw).find((form) => text.includes(form));
}

/** `count` passwords per scheme, each in every shape. */
export function fuzzUrls(seed: number, count: number, hostPort?: string): FuzzUrl[] {
  const random = seededRandom(seed);
  const out: FuzzUrl[] = [];
  for (const scheme of FUZZ_SCHEMES) {
    for (let i = 0; i < count; i++) out.push(...urlShapes(scheme, fuzzPassword(random), hostPort));
  }
  return out;
}
