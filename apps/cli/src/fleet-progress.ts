import { type FleetVerb, formatDuration, targetLine } from "./fleet-lines.js";
import type { FleetEvents, TargetResult } from "./fleet-types.js";

/** A target that has started and not ended, as the live display shows it. */
export interface RunningTarget {
  readonly name: string;
  readonly startedAt: number;
  /** The step running: 1-based index, total and revision; undefined before the first. */
  step?: { index: number; total: number; revision: string } | undefined;
}

/** Counts of ended targets, for the live display's last line. */
export interface FleetTally {
  done: number;
  failed: number;
  readonly total: number | undefined;
}

/** One running target's live line: `tenant_7  step 2/5 ab12cd  1.3 s`. */
export function liveLine(t: RunningTarget, now: number, nameWidth: number): string {
  const what = t.step ? `step ${t.step.index}/${t.step.total} ${t.step.revision}` : "connecting";
  return `  ${t.name.padEnd(nameWidth)}  ${what}  ${formatDuration(now - t.startedAt)}`;
}

/** Fits a line in the terminal: a wrapped line would break the redraw's line count. */
export function clip(text: string, columns: number): string {
  const width = Math.max(10, columns - 1);
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * The live block: a line per running target (at most `maxLines`, then `… N more`) and a
 * count line. Pure, so the drawing is tested without a terminal.
 */
export function liveBlock(
  running: readonly RunningTarget[],
  tally: FleetTally,
  now: number,
  size: { columns: number; rows: number },
): string[] {
  const room = Math.max(1, size.rows - 3);
  const shown = running.length > room ? running.slice(0, room - 1) : running;
  const nameWidth = Math.min(32, Math.max(0, ...shown.map((t) => t.name.length)));
  const lines = shown.map((t) => liveLine(t, now, nameWidth));
  if (shown.length < running.length) lines.push(`  … ${running.length - shown.length} more`);
  const of = tally.total === undefined ? "" : `/${tally.total}`;
  const failed = tally.failed > 0 ? `, ${tally.failed} failed` : "";
  lines.push(`${tally.done}${of} done, ${running.length} running${failed}`);
  return lines.map((l) => clip(l, size.columns));
}

/** Where the display writes: stderr, or a fake terminal in tests. */
export interface DisplayStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
  readonly rows?: number | undefined;
}

export interface FleetDisplayOptions {
  /** The plain line of an ended target; default `targetLine` with `verb`. */
  readonly line?: ((result: TargetResult) => string) | undefined;
  readonly verb?: FleetVerb;
  /** Redraw a live block (a terminal, not --quiet or --json); else plain lines. */
  readonly live: boolean;
  /** `--quiet`: only failed targets' lines. */
  readonly quiet: boolean;
  readonly total?: number | undefined;
  /** Milliseconds between redraws of the live block. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export interface FleetDisplay {
  readonly events: FleetEvents;
  /** Draws the last state and stops redrawing; the block is erased, the ended lines stay. */
  finish(): void;
}

const UP = (n: number) => (n > 0 ? `\x1b[${n}A` : "");
const CLEAR_DOWN = "\x1b[J";

/**
 * Shows a fleet run as it goes. On a terminal: the ended targets' lines scroll up and a live
 * block below them shows each running target's step and time, redrawn in place on a timer
 * (so hundreds of quick targets do not redraw hundreds of times). Otherwise a plain line per
 * ended target, no escape codes.
 */
export function fleetDisplay(stream: DisplayStream, options: FleetDisplayOptions): FleetDisplay {
  const now = options.now ?? (() => performance.now());
  const running = new Map<string, RunningTarget>();
  const tally: FleetTally = { done: 0, failed: 0, total: options.total };
  const ended: string[] = [];
  const shows = (r: TargetResult) => !options.quiet || r.status === "failed";
  let drawn = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const draw = (final: boolean) => {
    const block = final
      ? []
      : liveBlock([...running.values()], tally, now(), {
          columns: stream.columns || 80,
          rows: stream.rows || 24,
        });
    const text = `${UP(drawn)}\r${CLEAR_DOWN}${ended.map((l) => `${l}\n`).join("")}${block.map((l) => `${l}\n`).join("")}`;
    ended.length = 0;
    drawn = block.length;
    stream.write(text);
  };

  const events: FleetEvents = {
    onTargetStart(target) {
      running.set(target.name, { name: target.name, startedAt: now() });
      if (options.live && timer === undefined) {
        timer = setInterval(() => draw(false), options.intervalMs ?? 100);
        timer.unref?.();
      }
    },
    onTargetStepStart(target, step) {
      const t = running.get(target.name);
      if (t) t.step = { index: step.index + 1, total: step.total, revision: step.revision };
    },
    onTargetEnd(result) {
      running.delete(result.name);
      tally.done++;
      if (result.status === "failed") tally.failed++;
      if (!shows(result)) return;
      const line = options.line?.(result) ?? targetLine(result, options.verb ?? "up");
      if (options.live) ended.push(line);
      else stream.write(`${line}\n`);
    },
  };

  return {
    events,
    finish() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (options.live && (drawn > 0 || ended.length > 0)) draw(true);
    },
  };
}
