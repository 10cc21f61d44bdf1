import type { Revision } from "./revision.js";

/**
 * The loops of a graph that has one: each strongly connected component of two or more
 * revisions, or of one that names itself (Tarjan's algorithm, without recursion: a broken
 * graph may be 100,000 revisions deep). Each loop is returned as a path along `next` from
 * its smallest id back to that id, `[a, b, a]`; loops in order of that id.
 */
export function graphLoops(
  revisions: ReadonlyMap<string, Revision>,
  next: (r: Revision) => readonly string[],
): string[][] {
  const index = new Map<Revision, number>();
  const low = new Map<Revision, number>();
  const onStack = new Set<Revision>();
  const stack: Revision[] = [];
  const components: Revision[][] = [];
  let counter = 0;
  const visit = (rev: Revision) => {
    index.set(rev, counter);
    low.set(rev, counter++);
    stack.push(rev);
    onStack.add(rev);
  };
  for (const root of revisions.values()) {
    if (index.has(root)) continue;
    visit(root);
    const work = [{ rev: root, i: 0, out: next(root) }];
    while (work.length > 0) {
      const frame = work.at(-1)!;
      if (frame.i < frame.out.length) {
        const to = revisions.get(frame.out[frame.i++]!);
        if (to === undefined) continue;
        if (!index.has(to)) {
          visit(to);
          work.push({ rev: to, i: 0, out: next(to) });
        } else if (onStack.has(to)) {
          low.set(frame.rev, Math.min(low.get(frame.rev)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.rev, Math.min(low.get(parent.rev)!, low.get(frame.rev)!));
      if (low.get(frame.rev) !== index.get(frame.rev)) continue;
      const component: Revision[] = [];
      let member: Revision;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.rev);
      if (component.length > 1 || next(frame.rev).includes(frame.rev.revision))
        components.push(component);
    }
  }
  return components
    .map((c) => pathAround(new Set(c), next, revisions))
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** A path along `next` inside `members` from its smallest id back to it. */
function pathAround(
  members: ReadonlySet<Revision>,
  next: (r: Revision) => readonly string[],
  revisions: ReadonlyMap<string, Revision>,
): string[] {
  const start = [...members].reduce((a, b) => (b.revision < a.revision ? b : a));
  // Breadth first, so the loop shown is a shortest one.
  const came = new Map<Revision, Revision>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const rev = queue[q]!;
    for (const id of next(rev)) {
      const to = revisions.get(id);
      if (to === undefined || !members.has(to)) continue;
      if (to === start) {
        const path = [start.revision];
        for (let at: Revision | undefined = rev; at !== start && at; at = came.get(at))
          path.push(at.revision);
        return [start.revision, ...path.slice(1).reverse(), start.revision];
      }
      if (!came.has(to)) {
        came.set(to, rev);
        queue.push(to);
      }
    }
  }
  return [start.revision, start.revision];
}
