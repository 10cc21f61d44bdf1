import { expect, test } from "vitest";
import { builderTypoHint, checkColumnType, normalizeType, t } from "./column-type.js";

// A type outside the vocabulary is refused; the message offers what was most likely meant.
test.each([
  ["varchar(255)", '"varchar(255)" is not a mig column type (did you mean t.varchar(255)?).'],
  [
    "NUMERIC( 10 , 2 )",
    '"NUMERIC( 10 , 2 )" is not a mig column type (did you mean t.numeric(10, 2)?).',
  ],
  ["char(2)", '"char(2)" is not a mig column type (did you mean t.char(2)?).'],
  ["integr", '"integr" is not a mig column type (did you mean "integer"?).'],
  ["Boolean", '"Boolean" is not a mig column type (did you mean "boolean"?).'],
  ["raw(x)", '"raw(x)" is not a mig column type.'],
  ["geography", '"geography" is not a mig column type.'],
])("normalizeType(%j) says %s", (type, message) => {
  expect(() => normalizeType(type as never)).toThrow(
    expect.objectContaining({
      code: "invalid_type",
      message,
      hint: expect.stringContaining('t.raw("<the database\'s type>")'),
    }),
  );
});

test.each([
  ["t.varchr is not a function", " (did you mean t.varchar?)"],
  ["_core.t.numerc is not a function", " (did you mean t.numeric?)"],
  ["t.varchar is not a function", ""],
  ["t.whatever is not a function", ""],
  ["db.varchr is not a function", ""],
])("builderTypoHint(%j) is %j", (message, hint) => {
  expect(builderTypoHint(message)).toBe(hint);
});

test("checkColumnType names the column, and a missing type", () => {
  expect(() => checkColumnType("integr", "table a, column b")).toThrow(
    'table a, column b: "integr" is not a mig column type (did you mean "integer"?).',
  );
  expect(() => checkColumnType(undefined, "addColumn a.b")).toThrow(
    "addColumn a.b: no type is given.",
  );
  expect(() => checkColumnType(t.varchar(3), "x")).not.toThrow();
});
