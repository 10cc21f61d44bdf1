import { expect, test } from "vitest";
import { firstLine, thrownMessage } from "./first-line.js";

test.each([
  [new Error("boom\n  at x"), "boom"],
  ["a string", "a string"],
  [42, "42"],
  [undefined, "undefined"],
  [null, "null"],
  [{ code: 42, reason: "no" }, '{"code":42,"reason":"no"}'],
  [Object.create(null), "an object that is not an Error was thrown"],
  [{}, "an object that is not an Error was thrown"],
  [Symbol("s"), "Symbol(s)"],
])("firstLine(%o) is %j", (thrown, text) => {
  expect(firstLine(thrown)).toBe(text);
});

test("a cycle, a throwing toJSON and a long object are described, not thrown again", () => {
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  expect(thrownMessage(cycle)).toBe("an object that is not an Error was thrown");
  expect(
    thrownMessage({
      toJSON: () => {
        throw new Error("no");
      },
    }),
  ).toBe("an object that is not an Error was thrown");
  expect(thrownMessage({ text: "x".repeat(500) })).toHaveLength(201);
  const bad = Object.create(null, {
    [Symbol.toPrimitive]: {
      value: () => {
        throw new Error();
      },
    },
  });
  expect(firstLine(bad)).toBe("an object that is not an Error was thrown");
});
