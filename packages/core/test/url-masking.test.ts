import { describe, expect, test } from "vitest";
import { maskSecrets, maskUrl, parseDatabaseUrl } from "../src/connection/database-url.js";
import { isMigError } from "../src/errors/mig-error.js";
import { fuzzUrls, leakedForm } from "./url-fuzz.js";

describe("no spelling of a URL's password survives masking, whatever the URL looks like", () => {
  const cases = fuzzUrls(20261204, 40);

  test(`maskUrl, parseDatabaseUrl's errors and maskSecrets (${cases.length} URLs)`, () => {
    for (const { url, password, shape } of cases) {
      const where = `${shape}: ${url}`;
      expect(leakedForm(maskUrl(url), password), where).toBeUndefined();
      let parsed: ReturnType<typeof parseDatabaseUrl>;
      try {
        parsed = parseDatabaseUrl(url);
      } catch (error) {
        expect(isMigError(error) && error.code, where).toBe("invalid_url");
        const e = error as Error & { hint?: string };
        expect(e.hint, where).toBeTruthy();
        const text = [e.message, e.hint, String(e), e.stack].join("\n");
        expect(leakedForm(text, password), where).toBeUndefined();
        continue;
      }
      expect(leakedForm(parsed.masked, password), where).toBeUndefined();
      const driverText = `connecting to ${url} with '${password}' failed`;
      expect(leakedForm(maskSecrets(driverText, parsed), password), where).toBeUndefined();
    }
  });

  test("an unencoded # ? / @ in the password is a malformed URL, not a guessed host", () => {
    for (const pw of ["s3cr3t#Pa55", "s3?cr3t", "s3/cr3t", "12/word", "p@ss/w"]) {
      const url = `postgres://app:${pw}@db.example.com/app`;
      const error = (() => {
        try {
          parseDatabaseUrl(url);
        } catch (e) {
          return e as Error & { code: string; hint: string };
        }
        return undefined;
      })();
      expect(error?.code, url).toBe("invalid_url");
      expect(error?.message).toBe(
        "The database URL 'postgres://app:***@db.example.com/app' is malformed.",
      );
      expect(error?.hint).toContain("# as %23");
    }
  });

  test.each([
    ["postgres://u:hunter2@h/db?application_name=x", "postgres://u:***@h/db?application_name=x"],
    [
      "postgres://h/db?password=a#b&c&sslmode=require",
      "postgres://h/db?password=***&sslmode=require",
    ],
    ["postgres://app@h:5432/db", "postgres://app@h:5432/db"],
    ["sqlite:./app.db", "sqlite:./app.db"],
    // An empty authority has no user: an SQLite URI filename's `file:` is a path.
    ["sqlite:///file:data/app.db?uri=true", "sqlite:///file:data/app.db?uri=true"],
    [
      "sqlite:///file::memory:?cache=shared&uri=true",
      "sqlite:///file::memory:?cache=shared&uri=true",
    ],
    ["sqlite:////abs/file:x.db", "sqlite:////abs/file:x.db"],
    // With an authority, `user:password` and no host is still masked.
    ["postgres://user:hunter2", "postgres://user:***"],
  ])("masks %s as %s", (raw, masked) => {
    expect(maskUrl(raw)).toBe(masked);
  });

  test("a short password is masked as a word, not inside other words", () => {
    const url = parseDatabaseUrl("postgres://u:ab@h/db");
    expect(maskSecrets("ab failed: table absent", url)).toBe("*** failed: table absent");
  });
});
