import { formatDuration, formatRows, oneLine } from "./fleet-lines.js";
import type { FleetResult, TargetResult, TargetStatus } from "./fleet-types.js";

/** Failed targets go last, next to the count line, so they are seen even after 500 rows. */
const RANK: Record<TargetStatus, number> = { applied: 0, current: 0, skipped: 1, failed: 2 };

/** The summary's rows: the fleet's order, skipped then failed targets last. */
export function summaryOrder(targets: readonly TargetResult[]): TargetResult[] {
  return targets
    .map((t, i) => ({ t, i }))
    .sort((a, b) => RANK[a.t.status] - RANK[b.t.status] || a.i - b.i)
    .map(({ t }) => t);
}

/** Revisions can be several heads: the column keeps its width, the JSON has them all. */
const cell = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The summary table: target, from, to, steps, time, result; aligned columns, no colour. */
export function summaryTable(targets: readonly TargetResult[]): string[] {
  const header = ["target", "from", "to", "steps", "time", "result"];
  const rows = summaryOrder(targets).map((t) => [
    cell(t.name, 48),
    cell(t.reached ? formatRows(t.from) : "?"),
    cell(t.reached ? formatRows(t.to) : "?"),
    String(t.steps),
    formatDuration(t.durationMs),
    t.status === "failed" ? `FAILED ${t.error?.code ?? ""}`.trim() : t.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  // Steps and time are numbers: right-aligned.
  const right = new Set([3, 4]);
  const format = (r: readonly string[]) =>
    r
      .map((v, i) => (right.has(i) ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [format(header), ...rows.map(format)];
}

/** `198 applied, 1 current, 1 failed`: only the kinds that occurred (`0 targets` if none). */
export function countLine(targets: readonly TargetResult[]): string {
  const counts = new Map<TargetStatus, number>();
  for (const t of targets) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const parts = (["applied", "current", "skipped", "failed"] as const)
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`);
  return parts.length > 0 ? parts.join(", ") : "0 targets";
}

/** Past this many failures the rest are counted: the table has each one's code, --json all. */
export const FAILURES_SHOWN = 20;

/** Each failed target's error in full, with its hint: the table only has the code. */
export function failureLines(
  targets: readonly TargetResult[],
  opts: { where?: boolean } = {},
): string[] {
  const lines: string[] = [];
  const failed = targets.filter((t) => t.status === "failed");
  for (const t of failed.slice(0, FAILURES_SHOWN)) {
    lines.push(`${t.name}: ${t.error?.code ?? "unknown"}: ${oneLine(t.error?.message ?? "")}`);
    // A read (current, status, check) changed nothing: where it is left says nothing new.
    // Never read: where it is is unknown, and "left at base" would mislead.
    if (opts.where !== false && t.reached) lines.push(`  left at ${formatRows(t.to)}`);
    if (t.error?.hint) lines.push(`  ${oneLine(t.error.hint)}`);
  }
  if (failed.length > FAILURES_SHOWN) {
    lines.push(
      `... and ${failed.length - FAILURES_SHOWN} more failed target(s): their codes are in the table, every message in --json.`,
    );
  }
  return lines;
}

/** `--json`: `{ targets: [...], ok }`, whole milliseconds, every field of each result. */
export function fleetJson(result: FleetResult) {
  return {
    targets: result.targets.map((t) => ({
      name: t.name,
      url: t.url,
      ...(t.schema === undefined ? {} : { schema: t.schema }),
      status: t.status,
      reached: t.reached,
      from: t.from,
      to: t.to,
      steps: t.steps,
      durationMs: Math.round(t.durationMs),
      ...(t.error === undefined ? {} : { error: { hint: null, ...t.error } }),
      ...(t.note === undefined ? {} : { note: t.note }),
    })),
    ok: result.ok,
  };
}
