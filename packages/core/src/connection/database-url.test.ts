import { describe, expect, test } from "vitest";
import { maskSecrets, maskUrl, parseDatabaseUrl } from "./database-url.js";

describe("database URLs", () => {
  test.each([
    ["sqlite:./app.db", "sqlite", "./app.db"],
    ["sqlite::memory:", "sqlite", ":memory:"],
    ["sqlite://:memory:", "sqlite", "//:memory:"],
    ["file:/abs/x.db", "file", "/abs/x.db"],
    ["POSTGRESQL://u@h/db", "postgresql", "//u@h/db"],
  ])("%s", (raw, scheme, rest) => {
    const url = parseDatabaseUrl(raw);
    expect(url.scheme).toBe(scheme);
    expect(url.rest).toBe(rest);
  });

  test("query parameters of non-hierarchical URLs, without the fragment", () => {
    expect(parseDatabaseUrl("sqlite:./a.db?mode=ro#x").params.get("mode")).toBe("ro");
  });

  test.each([
    ["postgres://u:hunter2@h/db", "postgres://u:***@h/db"],
    ["mysql://u:p%40ss@h:3306/db?x=1", "mysql://u:***@h:3306/db?x=1"],
    ["postgres://h/db?password=hunter2&a=b", "postgres://h/db?password=***&a=b"],
    // Any parameter that reads like a secret, misspelt ones included.
    ["postgres://h/db?sslpassword=KEYPASS", "postgres://h/db?sslpassword=***"],
    ["postgres://h/db?pasword=S1&sslmode=require", "postgres://h/db?pasword=***&sslmode=require"],
    ["mysql://h/db?PWD=S2&ssl_key_password=S3", "mysql://h/db?PWD=***&ssl_key_password=***"],
    [
      "postgres://h/db?api_token=S4&sslmode=require",
      "postgres://h/db?api_token=***&sslmode=require",
    ],
    ["postgres://u@h/db", "postgres://u@h/db"],
    // The scheme left off: the password is masked all the same.
    ["//u:hunter2@h/db", "//u:***@h/db"],
    ["u:hunter2@h/db", "u:***@h/db"],
    ["  //u:hunter2@h/db", "  //u:***@h/db"],
    ["sqlite:./app.db", "sqlite:./app.db"],
    // No `@`: a host left off, or a .env value cut at an unquoted `#`.
    ["postgres://mig:mig-secret-pw", "postgres://mig:***"],
    ["postgres://mig:mig-secret-pw/m_fa", "postgres://mig:***"],
    ["mysql://mig:mig-secret-pw:33069/mig", "mysql://mig:***"],
    ["postgres://mig:Top", "postgres://mig:***"],
    ["postgres://localhost:5432/db", "postgres://localhost:5432/db"],
    ["postgres://localhost:5432", "postgres://localhost:5432"],
    ["postgres://[::1]:5432/db", "postgres://[::1]:5432/db"],
    ["sqlite://:memory:", "sqlite://:memory:"],
    ["sqlite::memory:", "sqlite::memory:"],
  ])("masks %s", (raw, masked) => {
    expect(maskUrl(raw)).toBe(masked);
  });

  test("credentials with no host (libpq's socket form) read as localhost; ?host= stays", () => {
    const url = parseDatabaseUrl("postgresql://app:p%40ss@/db?host=/cloudsql/proj:eu:inst");
    expect(url.url?.hostname).toBe("localhost");
    expect([url.url?.username, url.url?.password, url.url?.pathname]).toEqual([
      "app",
      "p%40ss",
      "/db",
    ]);
    expect(url.params.get("host")).toBe("/cloudsql/proj:eu:inst");
    expect(url.masked).toBe("postgresql://app:***@/db?host=/cloudsql/proj:eu:inst");
    expect(parseDatabaseUrl("mysql://root:pw@/?socket=/run/my.sock").url?.username).toBe("root");
    expect(parseDatabaseUrl("postgres://app:pw@").url?.password).toBe("pw");
    // Still malformed: a host that is not one.
    expect(() => parseDatabaseUrl("postgres://app:hunter2@:x/db")).toThrow(
      "'postgres://app:***@:x/db' is malformed",
    );
  });

  test("errors never show the password", () => {
    expect(() => parseDatabaseUrl("postgres://u:hunter2@h:port/db")).toThrow(
      "'postgres://u:***@h:port/db' is malformed",
    );
    expect(() => parseDatabaseUrl("app.db")).toThrow("has no scheme");
    expect(() => parseDatabaseUrl("//u:hunter2@h/db")).toThrow("'//u:***@h/db' has no scheme");
    const url = parseDatabaseUrl("postgres://u:hunter2@h/db");
    expect(
      maskSecrets('password authentication failed: "hunter2" at postgres://u:hunter2@h/db', url),
    ).toBe('password authentication failed: "***" at postgres://u:***@h/db');
  });
});
