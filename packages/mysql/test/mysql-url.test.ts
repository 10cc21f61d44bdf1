import { DEFAULT_POOL_OPTIONS, isMigError, parseDatabaseUrl } from "@mig/core";
import { describe, expect, it } from "vitest";
import { parseMysqlUrl } from "../src/mysql-url.js";

const parse = (raw: string, pool = {}) => parseMysqlUrl(parseDatabaseUrl(raw), pool);

describe("parseMysqlUrl", () => {
  it.each([
    [
      "mysql://mig:pw@127.0.0.1:33069/app",
      {
        host: "127.0.0.1",
        port: 33069,
        user: "mig",
        password: "pw",
        database: "app",
        charset: "utf8mb4",
      },
    ],
    [
      "mariadb://root@db.example.com/app",
      { host: "db.example.com", port: 3306, user: "root", database: "app" },
    ],
    ["mysql://u:p%40ss%3Aw%2Fd@h/my%20db", { user: "u", password: "p@ss:w/d", database: "my db" }],
    ["mysql://u@[::1]:3307/x", { host: "::1", port: 3307 }],
    [
      "mysql://u@localhost/x?socket=/run/mysqld/mysqld.sock",
      { socketPath: "/run/mysqld/mysqld.sock" },
    ],
    ["mysql://u@localhost/x?unix_socket=/tmp/m.sock", { socketPath: "/tmp/m.sock" }],
    // Credentials and no host: the socket alone says where.
    [
      "mysql://app:pw@/x?socket=/run/mysqld/mysqld.sock",
      { user: "app", password: "pw", database: "x", socketPath: "/run/mysqld/mysqld.sock" },
    ],
    ["mysql://u@h/x?ssl=true", { ssl: {} }],
    ["mysql://u@h/x?ssl=required", { ssl: {} }],
    ["mysql://u@h/x?ssl=skip-verify", { ssl: { rejectUnauthorized: false } }],
    ["mysql://u@h/x?charset=latin1", { charset: "latin1" }],
    ["mysql://u@h/x?connect_timeout=2.5", { connectTimeout: 2500 }],
    ["mysql://h", { host: "h", port: 3306 }],
  ])("%s", (raw, expected) => {
    expect(parse(raw).connection).toMatchObject(expected);
  });

  it("leaves out what the URL does not name", () => {
    const { connection, database, user } = parse("mysql://h/?ssl=false");
    expect(connection).not.toHaveProperty("ssl");
    expect(connection).not.toHaveProperty("database");
    expect(connection).not.toHaveProperty("password");
    expect(database).toBeUndefined();
    expect(user).toBeUndefined();
  });

  it("reads ?lock= (how the migration lock is taken) and refuses other values in one line", () => {
    expect(parse("mysql://u@h/x").lock).toBeUndefined();
    for (const mode of ["auto", "get_lock", "table"] as const) {
      expect(parse(`mysql://u@h/x?lock=${mode}`).lock).toBe(mode);
    }
    let error: unknown;
    try {
      parse("mysql://u:secret@h/x?lock=galera");
    } catch (e) {
      error = e;
    }
    expect(isMigError(error) && error.code).toBe("invalid_url");
    expect((error as Error).message).toContain("has lock=galera");
    expect((error as Error).message).not.toContain("secret");
  });

  it("describes the target for messages", () => {
    expect(parse("mysql://u@127.0.0.1:1/x").target).toBe("127.0.0.1:1");
    expect(parse("mysql://u@[::1]/x").target).toBe("[::1]:3306");
    expect(parse("mysql://u@h/x?socket=/s.sock").target).toBe("/s.sock");
  });

  it("takes pool options from defaults, then the config, then the URL", () => {
    expect(parse("mysql://h/x").pool).toEqual(DEFAULT_POOL_OPTIONS);
    const config = { poolSize: 2, maxOverflow: 3, poolTimeout: 1000, prePing: true };
    expect(parse("mysql://h/x", config).pool).toEqual({ ...DEFAULT_POOL_OPTIONS, ...config });
    const url =
      "mysql://h/x?pool_size=7&max_overflow=-1&pool_timeout=0.3&pool_recycle=3600&pre_ping=false";
    expect(parse(url, config).pool).toEqual({
      poolSize: 7,
      maxOverflow: -1,
      poolTimeout: 300,
      poolRecycle: 3_600_000,
      prePing: false,
    });
    expect(parse("mysql://h/x?pool_recycle=-1", { poolRecycle: 5 }).pool.poolRecycle).toBe(-1);
    expect(parse("mysql://h/x?pre_ping", {}).pool.prePing).toBe(true);
  });

  it.each([
    "mysql://u:secret@h/x?pool_size=abc",
    "mysql://u:secret@h/x?pool_size=1.5",
    "mysql://u:secret@h/x?max_overflow=-2",
    "mysql://u:secret@h/x?pool_timeout=-1",
    "mysql://u:secret@h/x?pre_ping=maybe",
    "mysql://u:secret@h/x?ssl=sometimes",
    "mysql://u:secret@h/a/b",
    "mysql:app.db",
    "mysql://u:secret@h/x?sll=true",
    "mysql://u@h/x?password=secret",
    "mysql://u:secret@h/x?ssl-mode=REQUIRED",
    "mysql://u:secret@h/x?tls=true",
    "mysql://u:secret@h/x?sslrootcert=ca.pem",
    "mysql://u:secret@h/x?ssl-verify-server-cert=1",
    "mysql://u:secret@h/x?Password=secret",
    "mysql://u:secret@h/x?ssl=true&ssl=false",
  ])("rejects %s in one line without the password", (raw) => {
    let error: unknown;
    try {
      parse(raw);
    } catch (e) {
      error = e;
    }
    expect(isMigError(error) && error.code).toBe("invalid_url");
    const message = (error as Error).message;
    expect(message).not.toContain("secret");
    expect(message).not.toContain("\n");
  });

  it("a password in the query is refused with where it goes", () => {
    let error: unknown;
    try {
      parse("mysql://u@h/x?password=secret");
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toBe(
      "The database URL 'mysql://u@h/x?password=***' has the parameter 'password', which mig cannot honour.",
    );
    expect((error as { hint?: string }).hint).toMatch(
      /^Put it before the database name: mysql:\/\/user:password@host/,
    );
  });
});
