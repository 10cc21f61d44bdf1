import { describe, expect, it } from "vitest";
import * as dialectApi from "../src/dialect-api.js";
import * as main from "../src/index.js";

describe("entry points", () => {
  it("@mig/core/dialect has what a dialect implements and uses", () => {
    for (const name of [
      "DialectBase",
      "DdlCompilerBase",
      "QueuePool",
      "DEFAULT_CAPABILITIES",
      "parseDatabaseUrl",
      "maskUrl",
      "decodeUrlPart",
      "poolOptionsFromParams",
      "probeSource",
      "MigError",
      "isMigError",
      "LockTimeoutError",
      "DatabaseConnectionError",
    ]) {
      expect(dialectApi, name).toHaveProperty(name);
    }
  });

  it("@mig/core keeps the user API and leaves dialect internals to @mig/core/dialect", () => {
    for (const name of [
      "upgrade",
      "defineConfig",
      "MigError",
      "parseDatabaseUrl",
      "maskUrl",
      "upgradeAll",
      "downgradeAll",
      "currentAll",
      "statusAll",
      "checkAll",
      "resolveTargets",
    ]) {
      expect(main, name).toHaveProperty(name);
    }
    for (const name of ["DialectBase", "DdlCompilerBase", "QueuePool", "probeSource"]) {
      expect(main, name).not.toHaveProperty(name);
    }
  });
});
