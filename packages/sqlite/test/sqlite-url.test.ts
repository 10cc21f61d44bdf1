import { parseDatabaseUrl } from "@mig/core";
import { describe, expect, it } from "vitest";
import { MEMORY, parseSqliteUrl, sqliteFilePath } from "../src/index.js";

const cwd = "/srv/app";

describe("sqliteFilePath", () => {
  const cases: ReadonlyArray<readonly [url: string, file: string]> = [
    // sqlite: without slashes: a path as on the command line
    ["sqlite:./app.db", "/srv/app/app.db"],
    ["sqlite:app.db", "/srv/app/app.db"],
    ["sqlite:data/app.db", "/srv/app/data/app.db"],
    ["sqlite:../shared/app.db", "/srv/shared/app.db"],
    ["sqlite:/var/lib/app.db", "/var/lib/app.db"],
    ["SQLITE:./app.db", "/srv/app/app.db"],
    // SQLAlchemy: three slashes then the path as written
    ["sqlite:///app.db", "/srv/app/app.db"],
    ["sqlite:///./data/app.db", "/srv/app/data/app.db"],
    ["sqlite:////var/lib/app.db", "/var/lib/app.db"],
    ["sqlite:///../app.db", "/srv/app.db"],
    // in memory
    ["sqlite::memory:", MEMORY],
    ["sqlite://:memory:", MEMORY],
    ["sqlite:///:memory:", MEMORY],
    ["sqlite://", MEMORY],
    ["file::memory:", MEMORY],
    ["sqlite::memory:?foreign_keys=on", MEMORY],
    // an SQLite URI filename inside a sqlite: URL (SQLAlchemy with uri=true): not a file
    // named "file::memory:"
    ["sqlite:file::memory:?cache=shared", MEMORY],
    ["sqlite:///file::memory:?cache=shared&uri=true", MEMORY],
    ["sqlite:///file:data/app.db?uri=true", "/srv/app/data/app.db"],
    ["sqlite:file:///abs/x.db", "/abs/x.db"],
    // file: as SQLite's URI filenames and RFC 8089
    ["file:./x.db", "/srv/app/x.db"],
    ["file:x.db", "/srv/app/x.db"],
    ["file:/abs/x.db", "/abs/x.db"],
    ["file:///abs/x.db", "/abs/x.db"],
    ["file://localhost/abs/x.db", "/abs/x.db"],
    // percent-decoding, query and fragment
    ["sqlite:./my%20app.db", "/srv/app/my app.db"],
    ["sqlite:////tmp/a%2520b.db", "/tmp/a%20b.db"],
    ["file:///tmp/caf%C3%A9.db", "/tmp/café.db"],
    ["sqlite:./app.db?timeout=3", "/srv/app/app.db"],
    ["sqlite:///app.db?mode=ro&uri=true#frag", "/srv/app/app.db"],
    ["sqlite:./a.db#frag", "/srv/app/a.db"],
    // not memory: a file whose name merely looks like it
    ["sqlite:./:memory:", "/srv/app/:memory:"],
  ];

  it.each(cases)("%s -> %s", (url, file) => {
    expect(sqliteFilePath(url, cwd)).toBe(file);
  });

  it.each(cases.filter(([url]) => url !== "sqlite://:memory:"))(
    "%s parsed by core",
    (url, file) => {
      expect(sqliteFilePath(parseDatabaseUrl(url), cwd)).toBe(file);
    },
  );

  it("resolves relative paths against process.cwd() by default", () => {
    expect(sqliteFilePath("sqlite:./app.db")).toBe(`${process.cwd()}/app.db`);
  });

  const invalid: ReadonlyArray<readonly [url: string, message: RegExp]> = [
    ["sqlite:", /names no database file/],
    ["sqlite:///", /names no database file/],
    ["file:", /names no database file/],
    ["file://", /names no database file/],
    ["sqlite://relative.db", /names a host/],
    ["sqlite://host/app.db", /names a host/],
    ["file://server/share/x.db", /names a host/],
    ["sqlite:./100%.db", /malformed %-escape/],
    ["sqlite:./app.db?timeout=soon", /timeout=soon/],
    ["sqlite:./app.db?timeout=-1", /timeout=-1/],
    ["sqlite:./app.db?foreign_keys=maybe", /foreign_keys=maybe/],
    ["sqlite:./app.db?mode=memory", /mode=memory/],
    ["sqlite:./app.db?timout=5", /parameter 'timout', which mig does not read/],
    ["file:///tmp/a.db?immutable=1", /parameter 'immutable', which mig cannot honour/],
    ["file:///tmp/a.db?IMMUTABLE=1", /parameter 'IMMUTABLE', which mig cannot honour/],
    ["file:///tmp/a.db?imutable=1", /'imutable', which mig cannot honour \(as immutable\)/],
    ["sqlite:./app.db?timeout=1&timeout=9", /parameter 'timeout' more than once/],
  ];

  it.each(invalid)("%s is an invalid_url error", (url, message) => {
    let caught: unknown;
    try {
      sqliteFilePath(url, cwd);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: "invalid_url", message: expect.stringMatching(message) });
    expect((caught as { hint?: string }).hint).toBeTruthy();
  });

  it("names the parameter meant, or those it reads", () => {
    const hintOf = (url: string) => {
      try {
        sqliteFilePath(url, cwd);
      } catch (error) {
        return (error as { hint?: string }).hint;
      }
    };
    expect(hintOf("sqlite:./app.db?foreign_key=on")).toMatch(/^Did you mean foreign_keys\?/);
    expect(hintOf("file:///tmp/a.db?vfs=unix-dotfile")).toMatch(/^Remove it; mig opens the file/);
    // Another tool's parameter, far from any mig reads, is passed over.
    expect(sqliteFilePath("sqlite:///app.db?check_same_thread=false&other=1", cwd)).toBe(
      "/srv/app/app.db",
    );
  });
});

describe("parseSqliteUrl settings", () => {
  const cases: ReadonlyArray<readonly [url: string, settings: object]> = [
    ["sqlite:./a.db", {}],
    ["sqlite:./a.db?timeout=2.5", { timeoutMs: 2500 }],
    ["sqlite:./a.db?timeout=0", { timeoutMs: 0 }],
    ["sqlite:./a.db?foreign_keys=on", { foreignKeys: true }],
    ["sqlite:./a.db?foreign_keys=ON", { foreignKeys: true }],
    ["sqlite:./a.db?foreign_keys=1", { foreignKeys: true }],
    ["sqlite:./a.db?foreign_keys=false", { foreignKeys: false }],
    ["sqlite:///a.db?mode=ro", { mode: "ro" }],
    [
      "file:///a.db?mode=rw&timeout=1&foreign_keys=off",
      { mode: "rw", timeoutMs: 1000, foreignKeys: false },
    ],
    ["sqlite:./a.db?cache=shared&uri=true", {}],
  ];

  it.each(cases)("%s", (url, settings) => {
    expect(parseSqliteUrl(url, cwd).settings).toEqual(settings);
  });
});
