import { describe, expect, test } from "vitest";
import { graphProject } from "../../test/graph-project.js";
import { history } from "./history.js";

const GRAPH = ["a:", "b:a", "c:b", "d:b", "m:c,d"];

describe("history", () => {
  test.each([
    { range: undefined, want: ["m", "c", "d", "b", "a"] },
    { range: ":", want: ["m", "c", "d", "b", "a"] },
    { range: "b:", want: ["m", "c", "d", "b"] },
    { range: ":c", want: ["c", "b", "a"] },
    { range: "b:c", want: ["c", "b"] },
    { range: " b : heads ", want: ["m", "c", "d", "b"] },
  ])("range $range -> $want", async ({ range, want }) => {
    const result = await history({ cwd: graphProject(...GRAPH), range });
    expect(result.revisions.map((r) => r.revision)).toEqual(want);
    // Nothing asked for the database: the project's URL is never used.
    expect(result.current).toEqual([]);
  });

  test("a range without a colon is a usage error", async () => {
    await expect(history({ cwd: graphProject(...GRAPH), range: "b" })).rejects.toMatchObject({
      code: "usage",
      usage: true,
      message: "History range needs start:end, start: or :end.",
    });
  });

  test("a config option of the wrong kind is a usage error naming it, before anything opens", async () => {
    const cwd = graphProject(...GRAPH);
    for (const [options, message] of [
      [{ url: 42 }, "The call's options: 'url' must be a string."],
      [{ scriptLocation: ["m"] }, "The call's options: 'scriptLocation' must be a string."],
      [{ transactionPerMigration: "yes" }, "'transactionPerMigration' must be true or false"],
    ] as const) {
      await expect(
        history({ cwd, ...(options as Record<string, unknown>) } as Parameters<typeof history>[0]),
      ).rejects.toMatchObject({
        code: "config_invalid",
        usage: true,
        message: expect.stringContaining(message),
      });
    }
  });

  test.each([
    { options: { indicateCurrent: true } },
    { options: { range: "current:" } },
    { options: { range: ":current" } },
  ])("$options reads the database", async ({ options }) => {
    // The fixture's URL has no dialect, so reading the rows fails: proof it was tried.
    await expect(history({ cwd: graphProject(...GRAPH), ...options })).rejects.toMatchObject({
      code: "dialect_missing",
    });
  });
});
