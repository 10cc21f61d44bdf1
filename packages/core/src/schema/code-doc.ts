/**
 * A small layout document (Wadler/Prettier style) so generated code comes out as biome
 * formats it: a group prints on one line when it fits, else its lines break.
 */
export type Doc = string | readonly Doc[] | DocGroup | DocIndent | DocLine | DocIfBreak | DocParent;

export interface DocGroup {
  readonly type: "group";
  readonly contents: Doc;
  /** Layouts to try in order when `contents` does not fit on one line. */
  readonly states?: readonly Doc[] | undefined;
  broken: boolean;
}
interface DocIndent {
  readonly type: "indent";
  readonly contents: Doc;
}
interface DocLine {
  readonly type: "line";
  /** Nothing (not a space) when the group stays flat. */
  readonly soft: boolean;
  /** Always a newline. */
  readonly hard: boolean;
}
interface DocIfBreak {
  readonly type: "ifBreak";
  readonly broken: Doc;
  readonly flat: Doc;
}
interface DocParent {
  readonly type: "breakParent";
}

export const line: Doc = { type: "line", soft: false, hard: false };
export const softline: Doc = { type: "line", soft: true, hard: false };
export const breakParent: Doc = { type: "breakParent" };
export const hardline: Doc = [{ type: "line", soft: false, hard: true }, breakParent];

export function group(contents: Doc, broken = false): DocGroup {
  return { type: "group", contents, broken };
}
/** Tries `states` in order; the last one is the fully broken layout. */
export function conditionalGroup(states: readonly Doc[]): DocGroup {
  return { type: "group", contents: states[0] ?? "", states, broken: false };
}
export function indent(contents: Doc): Doc {
  return { type: "indent", contents };
}
export function ifBreak(broken: Doc, flat: Doc = ""): Doc {
  return { type: "ifBreak", broken, flat };
}
export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  return docs.flatMap((d, i) => (i === 0 ? [d] : [separator, d]));
}

/** Whether `doc` holds a forced break (a hard line or a group already broken). */
export function willBreak(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) return doc.some(willBreak);
  const d = doc as Exclude<Doc, string | readonly Doc[]>;
  switch (d.type) {
    case "group":
      return d.broken || willBreak(d.contents);
    case "indent":
      return willBreak(d.contents);
    case "line":
      return d.hard;
    case "ifBreak":
      return willBreak(d.broken) || willBreak(d.flat);
    case "breakParent":
      return true;
  }
}

/** A forced break breaks every enclosing group, up to a conditional group. */
function propagate(doc: Doc, seen: Set<DocGroup>): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) return doc.map((d) => propagate(d, seen)).some(Boolean);
  const d = doc as Exclude<Doc, string | readonly Doc[]>;
  switch (d.type) {
    case "group": {
      if (seen.has(d)) return d.broken;
      seen.add(d);
      const inner = (d.states ?? [d.contents]).map((s) => propagate(s, seen)).some(Boolean);
      if (inner && d.states === undefined) d.broken = true;
      return d.broken;
    }
    case "indent":
      return propagate(d.contents, seen);
    case "line":
      return d.hard;
    case "ifBreak":
      return [propagate(d.broken, seen), propagate(d.flat, seen)].some(Boolean);
    case "breakParent":
      return true;
  }
}

type Mode = "flat" | "break";
interface Command {
  readonly indent: string;
  readonly mode: Mode;
  readonly doc: Doc;
}

/** Whether `next`, then what follows it up to the next newline, fits in `width`. */
function fits(next: Command, rest: readonly Command[], width: number): boolean {
  let restIndex = rest.length;
  const commands: { mode: Mode; doc: Doc }[] = [next];
  let left = width;
  while (left >= 0) {
    const command = commands.pop();
    if (command === undefined) {
      if (restIndex === 0) return true;
      commands.push(rest[--restIndex]!);
      continue;
    }
    const { mode, doc } = command;
    if (typeof doc === "string") {
      left -= textWidth(doc);
      continue;
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) commands.push({ mode, doc: doc[i]! });
      continue;
    }
    const d = doc as Exclude<Doc, string | readonly Doc[]>;
    switch (d.type) {
      case "group": {
        const groupMode: Mode = d.broken ? "break" : mode;
        const contents = d.states && groupMode === "break" ? d.states.at(-1)! : d.contents;
        commands.push({ mode: groupMode, doc: contents });
        break;
      }
      case "indent":
        commands.push({ mode, doc: d.contents });
        break;
      case "ifBreak":
        commands.push({ mode, doc: mode === "break" ? d.broken : d.flat });
        break;
      case "line":
        if (mode === "break" || d.hard) return true;
        if (!d.soft) left -= 1;
        break;
      case "breakParent":
        break;
    }
  }
  return false;
}

/** Lays `doc` out in `width` columns, indenting by two spaces. */
export function printDoc(doc: Doc, width: number): string {
  propagate(doc, new Set());
  const out: string[] = [];
  const commands: Command[] = [{ indent: "", mode: "break", doc }];
  let position = 0;
  let remeasure = false;
  for (let command = commands.pop(); command !== undefined; command = commands.pop()) {
    const { indent: ind, mode, doc: current } = command;
    if (typeof current === "string") {
      out.push(current);
      position += textWidth(current);
      continue;
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        commands.push({ indent: ind, mode, doc: current[i]! });
      }
      continue;
    }
    const d = current as Exclude<Doc, string | readonly Doc[]>;
    switch (d.type) {
      case "group": {
        if (mode === "flat" && !remeasure) {
          const contents = d.states && d.broken ? d.states.at(-1)! : d.contents;
          commands.push({ indent: ind, mode: d.broken ? "break" : "flat", doc: contents });
          break;
        }
        remeasure = false;
        commands.push(chooseLayout(d, ind, commands, width - position));
        break;
      }
      case "indent":
        commands.push({ indent: `${ind}  `, mode, doc: d.contents });
        break;
      case "ifBreak":
        commands.push({ indent: ind, mode, doc: mode === "break" ? d.broken : d.flat });
        break;
      case "line":
        if (mode === "flat" && !d.hard) {
          if (!d.soft) {
            out.push(" ");
            position += 1;
          }
          break;
        }
        if (mode === "flat") remeasure = true;
        trimTrailingSpaces(out);
        out.push(`\n${ind}`);
        position = ind.length;
        break;
      case "breakParent":
        break;
    }
  }
  return out.join("");
}

function chooseLayout(
  d: DocGroup,
  ind: string,
  rest: readonly Command[],
  remaining: number,
): Command {
  const flat: Command = { indent: ind, mode: "flat", doc: d.contents };
  if (!d.broken && fits(flat, rest, remaining)) return flat;
  if (d.states === undefined) return { indent: ind, mode: "break", doc: d.contents };
  const mostExpanded: Command = { indent: ind, mode: "break", doc: d.states.at(-1)! };
  if (d.broken) return mostExpanded;
  for (const state of d.states.slice(1, -1)) {
    const attempt: Command = { indent: ind, mode: "flat", doc: state };
    if (fits(attempt, rest, remaining)) return attempt;
  }
  return mostExpanded;
}

function trimTrailingSpaces(out: string[]): void {
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    const trimmed = last.replace(/[ \t]+$/, "");
    if (trimmed.length > 0 || last.length === 0) {
      out[out.length - 1] = trimmed;
      return;
    }
    out.pop();
  }
}

/** Columns a string takes: code points, East Asian wide characters counting two. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width +=
      code >= 0x1100 &&
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(ch)
        ? 2
        : 1;
  }
  return width;
}
