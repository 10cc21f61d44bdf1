import { describe, expect, test } from "vitest";
import { isMigError } from "../errors/mig-error.js";
import { DEFAULT_POOL_OPTIONS } from "./pool-options.js";
import { poolOptionsFromParams, secondsParam, wholeParam } from "./pool-url-params.js";

const from = (query: string, base = {}, masked?: string) =>
  poolOptionsFromParams(new URLSearchParams(query), base, masked);

describe("poolOptionsFromParams", () => {
  test("defaults, then the config's pool, then the URL's pool_* parameters", () => {
    expect(from("")).toEqual(DEFAULT_POOL_OPTIONS);
    expect(from("", { poolSize: 3, prePing: true })).toEqual({
      ...DEFAULT_POOL_OPTIONS,
      poolSize: 3,
      prePing: true,
    });
    const query = "pool_size=2&max_overflow=-1&pool_timeout=0.5&pool_recycle=3600&pre_ping=false";
    expect(from(query, { poolSize: 9, maxOverflow: 4, poolTimeout: 9000, prePing: true })).toEqual({
      poolSize: 2,
      maxOverflow: -1,
      poolTimeout: 500,
      poolRecycle: 3_600_000,
      prePing: false,
    });
    expect(from("pool_recycle=-1&pre_ping", { poolRecycle: 5 })).toMatchObject({
      poolRecycle: -1,
      prePing: true,
    });
    expect(from("", { poolSize: undefined }).poolSize).toBe(5);
    expect(from("other=1&pool_timeout=0")).toMatchObject({ poolTimeout: 0 });
  });

  test.each([
    ["pool_size=two", "pool_size=two"],
    ["pool_size=-1", "pool_size=-1"],
    ["pool_size=1.5", "pool_size=1.5"],
    ["pool_size=", "pool_size="],
    ["max_overflow=-2", "max_overflow=-2"],
    ["pool_timeout=-1", "pool_timeout=-1"],
    ["pool_timeout=soon", "pool_timeout=soon"],
    ["pool_recycle=-3", "pool_recycle=-3"],
    ["pre_ping=perhaps", "pre_ping=perhaps"],
  ])("rejects %s as invalid_url in one line with a hint", (query, fragment) => {
    let error: unknown;
    try {
      from(query, {}, "postgres://u:***@h/db");
    } catch (e) {
      error = e;
    }
    expect(isMigError(error) && error.code).toBe("invalid_url");
    expect((error as Error).message).toBe(
      `The database URL 'postgres://u:***@h/db' has ${fragment}.`,
    );
    expect((error as { hint?: string }).hint).toBeTruthy();
  });

  test("without a URL to name, the message still names the parameter", () => {
    expect(() => from("pool_size=x")).toThrow("The database URL has pool_size=x.");
  });

  test("the readers dialects share for their own parameters", () => {
    const q = new URLSearchParams("port=5433&connect_timeout=2.5");
    expect(wholeParam(q, "port", 1)).toBe(5433);
    expect(secondsParam(q, "connect_timeout", 0)).toBe(2500);
    expect(() => wholeParam(new URLSearchParams("port=0"), "port", 1)).toThrow(
      expect.objectContaining({ hint: "port takes a whole number of at least 1." }),
    );
  });
});
