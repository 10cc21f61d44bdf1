import { expect, test } from "vitest";
import { normalizeType } from "./column-type.js";

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
