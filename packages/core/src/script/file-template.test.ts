import { describe, expect, it } from "vitest";
import { DEFAULT_FILE_TEMPLATE, renderFileName, slugify } from "./file-template.js";
import { newRevisionId } from "./revision-id.js";

// Expected values computed with Alembic's own code (`_rev_path`, Python % formatting).
describe("slugify", () => {
  it.each([
    ["add account table", "add_account_table"],
    ["Add 'Account' table!!", "add_account_table"],
    ["  spaces   and-dashes  ", "spaces_and_dashes"],
    [
      "this is a very long message that goes past the forty character limit",
      "this_is_a_very_long_message_that_goes_",
    ],
    [
      "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
      "abcdefghijklmnopqrstuvwxyzabcdefghijklmn_",
    ],
    ["Crème brûlée für Ärzte", "crème_brûlée_für_ärzte"],
    ["ünïcödé 数据库 迁移", "ünïcödé_数据库_迁移"],
    [`${"x".repeat(39)} y`, `${"x".repeat(39)}_`],
    ["a_b__c", "a_b__c"],
    ["", ""],
    ["123 456", "123_456"],
    ["exactly forty characters long message ok", "exactly_forty_characters_long_message_ok"],
  ])("%j -> %j", (message, slug) => {
    expect(slugify(message)).toBe(slug);
  });
});

describe("renderFileName", () => {
  const date = new Date(Date.UTC(2024, 4, 1, 3, 4, 5));
  const values = { rev: "ae1027a6acf0", slug: "add_x", date };
  it.each([
    [DEFAULT_FILE_TEMPLATE, "20240501_0304_ae1027a6acf0_add_x"],
    ["%(rev)s_%(slug)s", "ae1027a6acf0_add_x"],
    ["%(epoch)d_%(rev)s", "1714532645_ae1027a6acf0"],
    [
      "%(second)02d %(minute)3d %(hour)-3d| %(rev).4s %% %(year)+d %(day)5.3d",
      "05   4 3  | ae10 % +2024   001",
    ],
  ])("%s", (template, expected) => {
    expect(renderFileName(template, values)).toBe(expected);
  });

  it("uses UTC by default and a named zone when given", () => {
    expect(renderFileName("%(day).2d_%(hour).2d%(minute).2d", values)).toBe("01_0304");
    expect(
      renderFileName("%(day).2d_%(hour).2d%(minute).2d", {
        ...values,
        timezone: "America/New_York",
      }),
    ).toBe("30_2304");
    expect(renderFileName("%(hour).2d", { ...values, timezone: "Asia/Kolkata" })).toBe("08");
    expect(renderFileName("%(hour).2d", { ...values, timezone: "utc" })).toBe("03");
  });

  it.each([
    ["%(nope)s", /unknown token '%\(nope\)'/],
    ["%(rev)d", /needs a number/],
    ["%(rev)x", /unsupported format/],
    ["100%", /unsupported format/],
  ])("rejects %s", (template, message) => {
    expect(() => renderFileName(template, values)).toThrow(message);
  });

  it("rejects an unknown timezone", () => {
    expect(() => renderFileName("%(hour)d", { ...values, timezone: "Mars/Olympus" })).toThrow(
      /Unknown timezone/,
    );
  });
});

describe("newRevisionId", () => {
  it("is 12 lowercase hex characters, and random", () => {
    const ids = new Set(Array.from({ length: 100 }, newRevisionId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}$/);
  });
});
