import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_POOL_OPTIONS, isMigError, parseDatabaseUrl } from "@mig/core";
import { describe, expect, test } from "vitest";
import { createDialect, parsePostgresUrl } from "../src/index.js";
import { searchPathSql } from "../src/postgres-url.js";

const parse = (raw: string, pool = {}) => parsePostgresUrl(parseDatabaseUrl(raw), { pool });

describe("parsePostgresUrl", () => {
  test.each([
    {
      url: "postgres://mig:secret@db.example.com:6543/app",
      client: {
        host: "db.example.com",
        port: 6543,
        user: "mig",
        password: "secret",
        database: "app",
      },
      target: "db.example.com:6543",
    },
    {
      url: "postgresql://app@localhost/app_db",
      client: { host: "localhost", port: 5432, user: "app", database: "app_db" },
      target: "localhost:5432",
    },
    {
      url: "postgres://u%40corp:p%40ss%3Aw%2Fo%25rd@h/d%20b",
      client: { user: "u@corp", password: "p@ss:w/o%rd", database: "d b" },
    },
    {
      url: "postgres://u:pw@[::1]:5433/db",
      client: { host: "::1", port: 5433 },
      target: "[::1]:5433",
    },
    {
      url: "postgres://u@localhost/db?host=/var/run/postgresql",
      client: { host: "/var/run/postgresql", port: 5432 },
      target: "/var/run/postgresql/.s.PGSQL.5432",
    },
    {
      // libpq's and pg's socket form with credentials (Cloud SQL's): no host in the authority.
      url: "postgres://app:p%40ss@/db?host=/cloudsql/proj:eu:inst",
      client: { host: "/cloudsql/proj:eu:inst", port: 5432, user: "app", password: "p@ss" },
      target: "/cloudsql/proj:eu:inst/.s.PGSQL.5432",
    },
    {
      url: "postgres://app:pw@/db",
      client: { host: "localhost", user: "app", password: "pw", database: "db" },
      target: "localhost:5432",
    },
    {
      url: "postgres:///db?host=/tmp/pg&port=6000",
      client: { host: "/tmp/pg", port: 6000, database: "db" },
      target: "/tmp/pg/.s.PGSQL.6000",
    },
    {
      url: "postgres://%2Fvar%2Frun%2Fpostgresql/db",
      client: { host: "/var/run/postgresql", database: "db" },
    },
    {
      url: "postgres://h/db?user=alice&password=pw&dbname=other",
      client: { user: "alice", password: "pw", database: "other" },
    },
    {
      url: "postgres://h/db",
      client: { fallback_application_name: "mig", connectionTimeoutMillis: 30_000 },
    },
    {
      url: "postgres://h/db?application_name=deploy&connect_timeout=2.5",
      client: { application_name: "deploy", connectionTimeoutMillis: 2500 },
    },
    {
      url: "postgres://h/db?options=-c%20statement_timeout%3D5000",
      client: { options: "-c statement_timeout=5000" },
    },
    { url: "postgres://h/db?sslmode=disable", client: { ssl: false } },
    { url: "postgres://h/db?sslmode=prefer", client: { ssl: false } },
    { url: "postgres://h/db?sslmode=require", client: { ssl: { rejectUnauthorized: false } } },
    { url: "postgres://h/db?sslmode=verify-full", client: { ssl: { rejectUnauthorized: true } } },
    { url: "postgres://h/db?ssl=true", client: { ssl: { rejectUnauthorized: true } } },
  ])("$url", ({ url, client, target }) => {
    const config = parse(url);
    expect(config.client).toMatchObject(client);
    if (target) expect(config.target).toBe(target);
  });

  test("no sslmode leaves TLS to pg's defaults (PGSSLMODE)", () => {
    expect(parse("postgres://h/db").client).not.toHaveProperty("ssl");
  });

  test("verify-ca checks the chain but not the host name", () => {
    const ssl = parse("postgres://h/db?sslmode=verify-ca").client.ssl as {
      rejectUnauthorized: boolean;
      checkServerIdentity: () => unknown;
    };
    expect(ssl.rejectUnauthorized).toBe(true);
    expect(ssl.checkServerIdentity()).toBeUndefined();
  });

  test("sslrootcert is read relative to the config directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "mig-pg-url-"));
    writeFileSync(join(dir, "ca.pem"), "-----BEGIN CERTIFICATE-----\nx\n");
    const config = parsePostgresUrl(
      parseDatabaseUrl("postgres://h/db?sslmode=verify-full&sslrootcert=ca.pem"),
      { cwd: dir },
    );
    expect(config.client.ssl).toMatchObject({
      rejectUnauthorized: true,
      ca: "-----BEGIN CERTIFICATE-----\nx\n",
    });
  });

  test("?schema= becomes a quoted search_path", () => {
    const config = parse("postgres://h/db?schema=App%20Data,public");
    expect(config.schemas).toEqual(["App Data", "public"]);
    expect(searchPathSql(config.schemas)).toBe('SET search_path TO "App Data", "public"');
    expect(searchPathSql(['we"ird'])).toBe('SET search_path TO "we""ird"');
    expect(parse("postgres://h/db").schemas).toEqual([]);
  });

  test("?lock= picks the lock", () => {
    expect(parse("postgres://h/db?lock=table").lock).toBe("table");
    expect(parse("postgres://h/db").lock).toBeUndefined();
  });

  test("pool: defaults, then the config's pool, then the URL's pool_* parameters", () => {
    expect(parse("postgres://h/db").pool).toEqual(DEFAULT_POOL_OPTIONS);
    expect(parse("postgres://h/db", { poolSize: 3, prePing: true }).pool).toEqual({
      ...DEFAULT_POOL_OPTIONS,
      poolSize: 3,
      prePing: true,
    });
    const url =
      "postgres://h/db?pool_size=2&max_overflow=-1&pool_timeout=0.5&pool_recycle=3600&pre_ping=false";
    expect(
      parse(url, { poolSize: 9, maxOverflow: 4, poolTimeout: 9000, prePing: true }).pool,
    ).toEqual({
      poolSize: 2,
      maxOverflow: -1,
      poolTimeout: 500,
      poolRecycle: 3_600_000,
      prePing: false,
    });
    expect(parse("postgres://h/db?pool_recycle=-1&pre_ping").pool).toMatchObject({
      poolRecycle: -1,
      prePing: true,
    });
    expect(parse("postgres://h/db", { poolSize: undefined }).pool.poolSize).toBe(5);
  });

  test.each([
    ["postgres://h/db?sslmode=maybe", "sslmode=maybe"],
    ["postgres://h/db?pool_size=two", "pool_size=two"],
    ["postgres://h/db?pool_size=-1", "pool_size=-1"],
    ["postgres://h/db?max_overflow=-2", "max_overflow=-2"],
    ["postgres://h/db?pool_timeout=-1", "pool_timeout=-1"],
    ["postgres://h/db?pool_recycle=-3", "pool_recycle=-3"],
    ["postgres://h/db?pre_ping=perhaps", "pre_ping=perhaps"],
    ["postgres://h/db?lock=file", "lock=file"],
    ["postgres://h/a/b", "'a/b'"],
    ["postgres://u:p%ZZ@h/db", "percent-escape"],
    ["postgres://u:pw@h/db?sslmod=require", "parameter 'sslmod', which mig does not read"],
    [
      "postgres://u:pw@h/db?sslmode=require&channel_binding=require",
      "parameter 'channel_binding', which mig cannot honour",
    ],
    // libpq takes the last of a repeated parameter; refused rather than guessed.
    ["postgres://u:pw@h/db?sslmode=disable&sslmode=require", "parameter 'sslmode' more than once"],
    ["postgres://u:pw@h/db?chanel_binding=require", "cannot honour (as channel_binding)"],
    [
      "postgres://u:pw@h/db?sslcompression=1",
      "parameter 'sslcompression', which mig cannot honour",
    ],
    ["postgres://u:pw@h/db?sslpassword=KEYPASS", "?sslpassword=***'"],
  ])("rejects %s in one line, password masked", (url, fragment) => {
    let error: unknown;
    try {
      parse(url);
    } catch (e) {
      error = e;
    }
    expect(isMigError(error) && error.code).toBe("invalid_url");
    expect((error as Error).message).toContain(fragment);
    expect((error as Error).message).not.toContain("\n");
    expect((error as { hint?: string }).hint).toBeTruthy();
  });

  test("an unknown parameter's hint names the one meant, else those read", () => {
    const hintOf = (url: string) => {
      try {
        parse(url);
      } catch (error) {
        return (error as { hint?: string }).hint;
      }
    };
    expect(hintOf("postgres://h/db?sslmod=require")).toMatch(/^Did you mean sslmode\?/);
    expect(hintOf("postgres://h/db?sslaccept=strict")).toMatch(/^mig reads sslmode: verify-full/);
    // A URL shared with the application (Prisma's parameters here) still connects.
    const shared = parse("postgres://u@h/db?schema=app&connection_limit=5&pgbouncer=true&x=1");
    expect(shared.schemas).toEqual(["app"]);
    // node-postgres' own ?ssl= is still read.
    expect(parse("postgres://h/db?ssl=true").client.ssl).toMatchObject({
      rejectUnauthorized: true,
    });
  });

  test("a rejected URL's message never holds its password", () => {
    expect(() => parse("postgres://u:hunter2@h/db?sslmode=nope")).toThrow(
      /postgres:\/\/u:\*\*\*@h\/db/,
    );
    try {
      parse("postgres://u:hunter2@h/db?sslmode=nope");
    } catch (error) {
      expect(String(error)).not.toContain("hunter2");
      expect((error as Error).stack).not.toContain("hunter2");
    }
  });
});

describe("dialect", () => {
  const dialect = createDialect();

  test("identity, capabilities and offline statements", () => {
    expect(dialect.name).toBe("postgres");
    expect(dialect.schemes).toEqual(["postgres", "postgresql"]);
    expect(dialect.capabilities).toEqual({
      transactionalDDL: true,
      supportsSchemas: true,
      alterColumn: "native",
      multipleConnections: true,
      comments: true,
      partialIndexes: true,
      expressionIndexes: true,
      reusesPreparedStatements: false,
      namesIgnoreCase: false,
      createsSchemas: true,
    });
    expect(dialect.placeholder).toBe("$n");
    expect([dialect.beginSql, dialect.commitSql]).toEqual(["BEGIN", "COMMIT"]);
    expect(dialect.qualify({ schema: "my schema", name: 'we"ird' })).toBe('"my schema"."we""ird"');
    expect(dialect.versionTable.create({ name: "mig_version", schema: "ops" })).toBe(
      'CREATE TABLE "ops"."mig_version" ("version_num" VARCHAR(32) NOT NULL, CONSTRAINT "mig_version_pkc" PRIMARY KEY ("version_num"))',
    );
  });

  test.each([
    [null, "NULL"],
    [42, "42"],
    [10n ** 20n, "100000000000000000000"],
    [true, "TRUE"],
    ["it's \\ fine", "'it''s \\ fine'"],
    [new Uint8Array([0, 255, 16]), "'\\x00ff10'::bytea"],
    [["a", 'b"c', null, "d\\e"], `'{"a","b\\"c",NULL,"d\\\\e"}'`],
    [
      [
        [1, 2],
        [3, 4],
      ],
      `'{{"1","2"},{"3","4"}}'`,
    ],
    [{ k: "v'" }, `'{"k":"v''"}'`],
    [new Date("2024-01-02T03:04:05.678Z"), "'2024-01-02T03:04:05.678Z'"],
  ])("literal(%s)", (value, sql) => {
    expect(dialect.literal(value)).toBe(sql);
  });

  test("inlineParams skips strings, identifiers, comments and dollar quotes", () => {
    const sql = `INSERT INTO "t$1" (a, b) VALUES ($1, $2) -- $1
      /* $2 /* nested $1 */ still */ ; SELECT 'x$1', E'\\'$1', $$ body $1 $$, $fn$ $2 $fn$, $2::int, col$1`;
    expect(
      dialect.inlineParams(sql, ["o'k", 7]),
    ).toBe(`INSERT INTO "t$1" (a, b) VALUES ('o''k', 7) -- $1
      /* $2 /* nested $1 */ still */ ; SELECT 'x$1', E'\\'$1', $$ body $1 $$, $fn$ $2 $fn$, 7::int, col$1`);
    expect(() => dialect.inlineParams("SELECT $3", [1])).toThrow(/\$3/);
  });
});
