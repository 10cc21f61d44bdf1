import { inspect } from "node:util";
import { isMigError, parseDatabaseUrl } from "@mig/core";
import { describe, expect, test } from "vitest";
import { createDialect } from "../src/index.js";
import { serverUrl, withDatabase } from "./helpers.js";

const PASSWORD = () => decodeURIComponent(new URL(serverUrl()).password);

async function connectError(url: string): Promise<Error & { code?: string; hint?: string }> {
  try {
    const source = await createDialect().connect(parseDatabaseUrl(url), {});
    await source.close();
  } catch (error) {
    return error as Error & { code?: string; hint?: string };
  }
  throw new Error("expected the connection to fail");
}

/** One plain line with a hint, and no password anywhere a user or a log could see it. */
function expectPlain(
  error: Error & { code?: string; hint?: string },
  secrets: readonly string[],
): void {
  expect(isMigError(error)).toBe(true);
  expect(error.code).toBe("connection_failed");
  expect(error.name).toBe("DatabaseConnectionError");
  expect(error.message).not.toContain("\n");
  expect(error.message.length).toBeLessThan(200);
  expect(error.hint).toBeTruthy();
  expect(error.hint).not.toContain("\n");
  for (const secret of secrets) {
    for (const text of [
      error.message,
      error.hint!,
      String(error),
      error.stack ?? "",
      inspect(error, { depth: 6 }),
      JSON.stringify(error),
    ]) {
      expect(text).not.toContain(secret);
    }
  }
}

describe("connection errors", () => {
  test("a wrong password", async () => {
    const u = new URL(serverUrl());
    u.password = "Wr0ng-p@ss:word";
    const error = await connectError(u.toString());
    expect(error.message).toMatch(
      /^Cannot log in to PostgreSQL at 127\.0\.0\.1:\d+: password authentication failed for user "mig"\.$/,
    );
    expect(error.hint).toMatch(/password/);
    expectPlain(error, ["Wr0ng-p", "Wr0ng-p%40ss", "Wr0ng-p@ss:word", PASSWORD()]);
  });

  test("nothing listening at host:port", async () => {
    const u = new URL(serverUrl());
    u.port = "1";
    const error = await connectError(u.toString());
    expect(error.message).toBe(
      "Could not connect to PostgreSQL at 127.0.0.1:1: connection refused.",
    );
    expect(error.hint).toMatch(/running/);
    expectPlain(error, [PASSWORD()]);
  });

  test("localhost resolving to several addresses, none listening", async () => {
    const u = new URL(serverUrl());
    u.hostname = "localhost";
    u.port = "1";
    const error = await connectError(u.toString());
    expect(error.message).toBe(
      "Could not connect to PostgreSQL at localhost:1: connection refused.",
    );
    expectPlain(error, [PASSWORD()]);
  });

  test("a database that does not exist", async () => {
    const error = await connectError(withDatabase(serverUrl(), "nope"));
    expect(error.message).toMatch(
      /^Cannot open "nope" on PostgreSQL at 127\.0\.0\.1:\d+: database "nope" does not exist\.$/,
    );
    expect(error.hint).toContain('CREATE DATABASE "nope"');
    expectPlain(error, [PASSWORD()]);
  });

  test("a host name that does not resolve", async () => {
    const u = new URL(serverUrl());
    u.hostname = "no-such-host.invalid";
    const error = await connectError(u.toString());
    expect(error.message).toMatch(
      /^Could not connect to PostgreSQL at no-such-host\.invalid:\d+: the host name does not resolve\.$/,
    );
    expectPlain(error, [PASSWORD()]);
  });

  test("a socket directory with no server", async () => {
    const error = await connectError(
      withDatabase(serverUrl(), "postgres", { host: "/nonexistent/dir" }),
    );
    expect(error.message).toMatch(
      /^Could not connect to PostgreSQL at \/nonexistent\/dir\/\.s\.PGSQL\.\d+: no such socket file\.$/,
    );
    expectPlain(error, [PASSWORD()]);
  });

  test("a server that asks for a password the URL does not have", async () => {
    const u = new URL(serverUrl());
    u.password = "";
    const error = await connectError(u.toString());
    expect(error.message).toMatch(/asks for a password and none was given/);
    expectPlain(error, [PASSWORD()]);
  });

  test("the driver's error stays as the cause, without the password", async () => {
    const u = new URL(serverUrl());
    u.password = "cause-secret";
    const error = (await connectError(u.toString())) as Error & { cause?: { code?: string } };
    expect(error.cause?.code).toBe("28P01");
    expect(inspect(error.cause, { depth: 6 })).not.toContain("cause-secret");
  });
});
