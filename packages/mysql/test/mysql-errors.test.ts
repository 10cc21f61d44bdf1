import { isMigError } from "@mig/core";
import { describe, expect, it } from "vitest";
import { connect, serverUrl, withDatabase } from "./helpers.js";

async function failure(url: string): Promise<{ code: string; message: string; hint: string }> {
  try {
    const source = await connect(url);
    await source.close();
  } catch (error) {
    if (!isMigError(error)) throw error;
    return { code: error.code, message: error.message, hint: error.hint ?? "" };
  }
  throw new Error("expected the connection to fail");
}

function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = password;
  return u.toString();
}

const SERVER_PASSWORD = () => decodeURIComponent(new URL(serverUrl()).password);

describe("connection errors: one plain line, never the password", () => {
  it("wrong password", async () => {
    const wrong = "Wr0ng-pw-%40-1234";
    const f = await failure(withPassword(serverUrl(), wrong));
    expect(f.code).toBe("connection_failed");
    expect(f.message).toMatch(
      /^Cannot log in to MySQL at 127\.0\.0\.1:\d+: Access denied for user 'mig'@'[^']+' \(using password: YES\)\.$/,
    );
    expect(f.hint).toMatch(/user and password/);
    for (const text of [f.message, f.hint]) {
      expect(text).not.toContain("\n");
      expect(text).not.toContain("Wr0ng-pw");
      expect(text).not.toContain(SERVER_PASSWORD());
    }
  });

  it("unreachable host and port", async () => {
    const u = new URL(serverUrl());
    u.port = "1";
    const f = await failure(u.toString());
    expect(f.code).toBe("connection_failed");
    expect(f.message).toBe("Cannot connect to MySQL at 127.0.0.1:1: connection refused.");
    expect(f.hint).toMatch(/running/);
    expect(f.message + f.hint).not.toContain(SERVER_PASSWORD());
  });

  it("missing database", async () => {
    const f = await failure(withDatabase(serverUrl(), "nope"));
    expect(f.code).toBe("connection_failed");
    expect(f.message).toMatch(
      /^Cannot connect to MySQL at 127\.0\.0\.1:\d+: Unknown database 'nope'\.$/,
    );
    expect(f.hint).toContain("CREATE DATABASE `nope`");
    expect(f.message + f.hint).not.toContain(SERVER_PASSWORD());
  });

  it("missing socket file", async () => {
    const f = await failure(`${withDatabase(serverUrl(), "mig")}?socket=/nonexistent/mysql.sock`);
    expect(f.message).toBe(
      "Cannot connect to MySQL at /nonexistent/mysql.sock: no such socket file.",
    );
  });
});
