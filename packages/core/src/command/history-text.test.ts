import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { agedProject, clockAhead, HOUR, sqlScript, writeAged } from "../../test/aged-project.js";
import { historyText } from "./history-text.js";
import type { RevisionInfo } from "./revision-info.js";

const sql = (rev: string, down: string, message = `rev ${rev}`) =>
  sqlScript(rev, down, "", message);
const write = writeAged;

function project() {
  return agedProject(
    { "1_a.sql": sql("a", "none"), "2_b.sql": sql("b", "a") },
    "mig-history-text-",
  );
}

/** A format that counts its calls. */
function counted() {
  const calls: string[] = [];
  const format = (revisions: readonly RevisionInfo[]) => {
    const text = revisions.map((r) => `${r.revision}: ${r.message}`).join("\n");
    calls.push(text);
    return text;
  };
  return { calls, format };
}

describe("historyText", () => {
  beforeEach(() => clockAhead());
  afterEach(() => vi.useRealTimers());

  it("prints the text an earlier run made while no script changed", async () => {
    const p = project();
    const { calls, format } = counted();
    expect(await historyText({ cwd: p.root }, "v1", format)).toBe("b: rev b\na: rev a");
    expect(await historyText({ cwd: p.root }, "v1", format)).toBe("b: rev b\na: rev a");
    expect(calls).toHaveLength(1);
    // Another variant (say, --verbose) is made, and kept, on its own.
    await historyText({ cwd: p.root }, "v2", format);
    await historyText({ cwd: p.root }, "v2", format);
    expect(calls).toHaveLength(2);
  });

  it("makes the text again after a script changed", async () => {
    const p = project();
    const { calls, format } = counted();
    await historyText({ cwd: p.root }, "v1", format);
    write(p.path("2_b.sql"), sql("b", "a", "renamed"), HOUR / 2);
    expect(await historyText({ cwd: p.root }, "v1", format)).toBe("b: renamed\na: rev a");
    write(p.path("3_c.sql"), sql("c", "b"), HOUR / 2);
    expect(await historyText({ cwd: p.root }, "v1", format)).toBe("c: rev c\nb: renamed\na: rev a");
    expect(calls).toHaveLength(3);
  });

  it("keeps no text for a graph with an error", async () => {
    const p = project();
    write(p.path("3_c.sql"), sql("c", "nope"), HOUR / 2);
    const { format } = counted();
    await expect(historyText({ cwd: p.root }, "v1", format)).rejects.toThrow(/nope/);
    await expect(historyText({ cwd: p.root }, "v1", format)).rejects.toThrow(/nope/);
  });
});
