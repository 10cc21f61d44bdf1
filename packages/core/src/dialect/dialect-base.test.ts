import { describe, expect, it } from "vitest";
import { RecordingDialect } from "../../test/test-dialect.js";
import type { Connection } from "../connection/connection.js";

describe("DialectBase.useSchema", () => {
  it("refuses schema targets by default, saying what to do instead", async () => {
    const dialect = new RecordingDialect();
    await expect(dialect.useSchema({} as Connection, "tenant_a")).rejects.toMatchObject({
      code: "schema_targets_unsupported",
      usage: true,
      message:
        "The recording dialect cannot put a target in a schema ('tenant_a'): it has no schemas.",
      hint: "Give each target its own database URL instead of a `schema`.",
    });
  });
});
