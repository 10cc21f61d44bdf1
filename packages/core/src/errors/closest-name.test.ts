import { expect, test } from "vitest";
import { closestName } from "./closest-name.js";

test("the nearest known name within two edits, case aside", () => {
  const schemes = ["postgres", "postgresql", "sqlite", "mysql", "mariadb"];
  expect(closestName("postgress", schemes)).toBe("postgres");
  expect(closestName("SQLite3", schemes)).toBe("sqlite");
  expect(closestName("mysq", schemes)).toBe("mysql");
  expect(closestName("oracle", schemes)).toBeUndefined();
  expect(closestName("nulable", ["nullable", "default"])).toBe("nullable");
  expect(closestName("abc", ["abd", "abcd"], 0)).toBeUndefined();
});
