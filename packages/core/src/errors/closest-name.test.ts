import { expect, test } from "vitest";
import { closestName } from "./closest-name.js";

test("the nearest known name, case aside, one edit per three letters", () => {
  const schemes = ["postgres", "postgresql", "sqlite", "mysql", "mariadb"];
  expect(closestName("postgress", schemes)).toBe("postgres");
  expect(closestName("SQLite3", schemes)).toBe("sqlite");
  expect(closestName("mysq", schemes)).toBe("mysql");
  expect(closestName("oracle", schemes)).toBeUndefined();
  expect(closestName("nulable", ["nullable", "default"])).toBe("nullable");
  expect(closestName("abc", ["abd", "abcd"], 0)).toBeUndefined();
  // Short names: one edit at most, so three letters are not "near" any other three.
  expect(closestName("uri", ["url", "cwd"])).toBe("url");
  expect(closestName("sql", ["url", "tag"])).toBeUndefined();
  expect(closestName("fmt", ["out", "format"])).toBeUndefined();
  // Long names allow more.
  expect(closestName("resolveDependency", ["resolveDependencies", "cwd"])).toBe(
    "resolveDependencies",
  );
});

test("two neighbouring letters swapped are one edit", () => {
  expect(closestName("rnage", ["name", "range"])).toBe("range");
  expect(closestName("scirptLocation", ["scriptLocation"], 1)).toBe("scriptLocation");
});
