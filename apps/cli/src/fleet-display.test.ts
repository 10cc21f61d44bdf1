import { describe, expect, test } from "vitest";
import { parseConcurrency } from "./fleet-flags.js";
import { formatDuration, targetLine } from "./fleet-lines.js";
import { clip, fleetDisplay, liveBlock } from "./fleet-progress.js";
import { countLine, failureLines, fleetJson, summaryOrder, summaryTable } from "./fleet-summary.js";
import type { TargetResult } from "./fleet-types.js";

const result = (name: string, over: Partial<TargetResult> = {}): TargetResult => ({
  name,
  url: "postgresql://app:***@db/app",
  status: "applied",
  reached: true,
  from: [],
  to: ["abc123"],
  steps: 3,
  durationMs: 120.4,
  ...over,
});
const failed = (name: string) =>
  result(name, {
    status: "failed",
    from: [],
    to: ["aaa111"],
    steps: 1,
    error: { code: "step_failed", message: 'relation "x"\n does not exist', hint: "Fix it." },
  });

describe("plain lines", () => {
  test.each([
    [result("tenant_7"), "up", "tenant_7: up 3 step(s) to abc123 in 120 ms"],
    [result("t", { to: [], durationMs: 2500 }), "down", "t: down 3 step(s) to base in 2.5 s"],
    [result("t", { status: "current", steps: 0 }), "up", "t: current at abc123"],
    [result("t", { status: "skipped", steps: 0 }), "up", "t: skipped (not started)"],
    [
      failed("tenant_9"),
      "up",
      'tenant_9: FAILED step_failed: relation "x" does not exist (after 1 step(s), at aaa111)',
    ],
  ] as const)("%#", (r, verb, line) => {
    expect(targetLine(r, verb)).toBe(line);
  });

  test("durations", () => {
    expect([formatDuration(0.4), formatDuration(999), formatDuration(61_000)]).toEqual([
      "0 ms",
      "999 ms",
      "1 min 1 s",
    ]);
  });
});

describe("summary", () => {
  const targets = [failed("b"), result("a"), result("c", { status: "current", steps: 0 })];

  test("failed targets last, then a count line", () => {
    expect(summaryOrder(targets).map((t) => t.name)).toEqual(["a", "c", "b"]);
    expect(countLine(targets)).toBe("1 applied, 1 current, 1 failed");
    expect(countLine([])).toBe("0 targets");
  });

  test("aligned columns with a header", () => {
    expect(summaryTable(targets)).toEqual([
      "target  from  to      steps    time  result",
      "a       base  abc123      3  120 ms  applied",
      "c       base  abc123      0  120 ms  current",
      "b       base  aaa111      1  120 ms  FAILED step_failed",
    ]);
  });

  test("the failures in full, with where they were left and the hint", () => {
    expect(failureLines(targets)).toEqual([
      'b: step_failed: relation "x" does not exist',
      "  left at aaa111",
      "  Fix it.",
    ]);
  });

  test("past 20 failures the rest are counted, not spelt out", () => {
    const many = Array.from({ length: 25 }, (_, i) => failed(`t${i}`));
    const lines = failureLines(many, { where: false });
    expect(lines).toHaveLength(20 * 2 + 1);
    expect(lines.at(-1)).toBe(
      "... and 5 more failed target(s): their codes are in the table, every message in --json.",
    );
  });

  test("JSON: every target, whole milliseconds, ok", () => {
    const json = fleetJson({ targets, ok: false });
    expect(json.ok).toBe(false);
    expect(json.targets[1]).toEqual({
      name: "a",
      url: "postgresql://app:***@db/app",
      status: "applied",
      reached: true,
      from: [],
      to: ["abc123"],
      steps: 3,
      durationMs: 120,
    });
    expect(json.targets[0]?.error?.code).toBe("step_failed");
  });
});

describe("live display", () => {
  test("one line per running target, then a count line; clipped to the terminal", () => {
    const running = [
      { name: "t1", startedAt: 0, step: { index: 2, total: 5, revision: "abc" } },
      { name: "tenant_2", startedAt: 500 },
    ];
    const lines = liveBlock(running, { done: 3, failed: 1, total: 10 }, 1500, {
      columns: 80,
      rows: 24,
    });
    expect(lines).toEqual([
      "  t1        step 2/5 abc  1.5 s",
      "  tenant_2  connecting  1.0 s",
      "3/10 done, 2 running, 1 failed",
    ]);
    expect(clip("x".repeat(100), 20)).toHaveLength(19);
  });

  test("more running targets than the terminal has rows: the rest are counted", () => {
    const running = Array.from({ length: 30 }, (_, i) => ({ name: `t${i}`, startedAt: 0 }));
    const lines = liveBlock(running, { done: 0, failed: 0, total: undefined }, 0, {
      columns: 80,
      rows: 10,
    });
    expect(lines).toHaveLength(8);
    expect(lines.at(-2)).toBe("  … 24 more");
    expect(lines.at(-1)).toBe("0 done, 30 running");
  });

  test("piped: a plain line per ended target, no escape codes; quiet: failures only", () => {
    for (const quiet of [false, true]) {
      let text = "";
      const d = fleetDisplay(
        { write: (s: string) => (text += s) },
        { verb: "up", live: false, quiet },
      );
      const info = { name: "a", url: "sqlite:a.db" };
      d.events.onTargetStart?.(info);
      d.events.onTargetEnd?.(result("a"));
      d.events.onTargetEnd?.(failed("b"));
      d.finish();
      expect(text).not.toContain("\x1b");
      expect(text.includes("a: up 3 step(s)")).toBe(!quiet);
      expect(text).toContain("b: FAILED step_failed");
    }
  });

  test("on a terminal the block is redrawn in place and erased at the end", () => {
    let text = "";
    let clock = 0;
    const d = fleetDisplay(
      { write: (s: string) => (text += s), isTTY: true, columns: 80, rows: 24 },
      { verb: "up", live: true, quiet: false, total: 2, intervalMs: 1e9, now: () => clock },
    );
    d.events.onTargetStart?.({ name: "a", url: "sqlite:a.db" });
    clock = 200;
    d.events.onTargetEnd?.(result("a"));
    d.finish();
    expect(text).toBe("\r\x1b[Ja: up 3 step(s) to abc123 in 120 ms\n");
  });
});

test("--concurrency takes whole numbers ≥ 1", () => {
  expect(parseConcurrency("16")).toBe(16);
  for (const bad of ["0", "-1", "1.5", "x", "", "1e3"]) {
    expect(() => parseConcurrency(bad), bad).toThrow(/--concurrency takes a whole number/);
  }
});

describe("a target the run never reached", () => {
  const unreached = result("down", {
    status: "failed",
    reached: false,
    to: [],
    steps: 0,
    error: { code: "connection_failed", message: "connection refused", hint: "Is it running?" },
  });

  test("shows ? for its revisions, not base, and no 'left at'", () => {
    const table = summaryTable([unreached]).join("\n");
    expect(table).toContain("?");
    expect(table).not.toContain("base");
    const lines = failureLines([unreached]);
    expect(lines.join("\n")).not.toContain("left at");
    expect(lines).toContain("  Is it running?");
  });

  test("--json says it was not reached", () => {
    expect(fleetJson({ targets: [unreached], ok: false }).targets[0]).toMatchObject({
      reached: false,
      from: [],
    });
  });
});
