import type { MigrationStep, RevisionStep, StampStep } from "./plan.js";
import { RevisionError } from "./revision-errors.js";
import type { RevisionHeader } from "./revision-header.js";
import type { RevisionMap } from "./revision-map.js";

/** The run's scripts by revision id, for their headers (a project's `scriptsById`). */
export type HeadersById = ReadonlyMap<string, { readonly header: RevisionHeader }>;

export type VersionChange =
  | { readonly kind: "insert"; readonly revision: string }
  | { readonly kind: "delete"; readonly revision: string }
  | { readonly kind: "update"; readonly from: string; readonly to: string };

/**
 * The version table's rows, one per applied head, moved step by step exactly as Alembic's
 * HeadMaintainer moves them through branch points, merges and dependencies.
 */
export class VersionRows {
  #map: RevisionMap | (() => RevisionMap);
  readonly #headers: HeadersById | undefined;
  // The rows in order: a Set moves a row to the end in constant time, where an array is
  // searched and shifted on every step (10,000 steps x 200 rows on a wide graph).
  readonly #rows: Set<string>;
  // Only once an update added a row present already (a broken table): the rows in order
  // with that duplicate, moved as an array from then on, as replayChanges moves them.
  #order: string[] | undefined;

  /**
   * `map` may be given as a function, called only when a step needs the graph: with
   * `headers`, a revision of at most one down revision and no dependencies moves its row by
   * its header alone (a linear run of 10,000 steps builds no graph).
   */
  constructor(
    map: RevisionMap | (() => RevisionMap),
    rows: Iterable<string>,
    headers?: HeadersById,
  ) {
    this.#map = map;
    this.#headers = headers;
    this.#rows = new Set(rows);
  }

  get #graph(): RevisionMap {
    if (typeof this.#map === "function") this.#map = this.#map();
    return this.#map;
  }

  /** The revision's normalized down revisions (Revision.normalizedDownRevisions). */
  #downsOf(id: string): readonly string[] {
    const header = this.#headers?.get(id)?.header;
    // Without dependencies and with nothing to deduplicate, they are the declared ones.
    if (header && header.dependsOn.length === 0 && header.downRevisions.length < 2)
      return header.downRevisions;
    return this.#graph.rev(id).normalizedDownRevisions;
  }

  get rows(): string[] {
    return this.#order ? this.#order.slice() : [...this.#rows];
  }

  #add(revision: string): void {
    if (this.#order) this.#order.push(revision);
    else if (this.#rows.has(revision)) this.#order = [...this.#rows, revision];
    this.#rows.add(revision);
  }

  #delete(revision: string): void {
    this.#rows.delete(revision);
    if (this.#order) removeRow(this.#order, revision);
  }

  /** Applies a step and returns the statements' worth of changes it makes. */
  apply(step: MigrationStep): VersionChange[] {
    const changes =
      step.kind === "revision" ? this.#revisionChanges(step) : stampChanges(step, this.#rows);
    // Indexed: this runs before the loop's code is optimised (a for-of allocates per step).
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i]!;
      if (change.kind === "insert") {
        if (this.#rows.has(change.revision)) {
          throw new RevisionError(
            "version_row_exists",
            `Version row ${change.revision} is already present; the rows are: ${this.rows.join(", ")}.`,
            "Name each revision once, and check the version table with `mig current`.",
          );
        }
        this.#add(change.revision);
      } else if (change.kind === "delete") {
        this.#expect(change.revision, step);
        this.#delete(change.revision);
      } else {
        this.#expect(change.from, step);
        this.#delete(change.from);
        this.#add(change.to);
      }
    }
    return changes;
  }

  #expect(revision: string, step: MigrationStep): void {
    if (!this.#rows.has(revision)) {
      const what =
        step.kind === "revision" ? `${step.direction}grade of ${step.revision}` : "stamp";
      throw new RevisionError(
        "version_row_missing",
        `The ${what} expects version row ${revision}, but the rows are: ${this.rows.join(", ") || "none"}.`,
        "The version table does not match the scripts; check `mig current` or fix it with `mig stamp`.",
      );
    }
  }

  #revisionChanges(step: RevisionStep): VersionChange[] {
    const revision = step.revision;
    const heads = this.#rows;
    const downs = this.#downsOf(revision);
    const up = step.direction === "up";
    // The usual step, the rules below for one down revision (a run of thousands takes it).
    if (up && downs.length === 1) {
      const down = downs[0]!;
      return heads.has(down)
        ? [{ kind: "update", from: down, to: revision }]
        : [{ kind: "insert", revision }];
    }
    if (
      !up &&
      heads.has(revision) &&
      (downs.length === 0 || this.#unmergeTo(revision, downs).length === 0)
    ) {
      return [{ kind: "delete", revision: revision }];
    }
    if (up && (downs.length === 0 || !downs.some((d) => heads.has(d)))) {
      return [{ kind: "insert", revision: revision }];
    }
    if (up && downs.length > 1 && downs.filter((d) => heads.has(d)).length > 1) {
      const others = this.rows.filter((h) => !downs.includes(h));
      let from = [...downs];
      if (others.length > 0) from = from.filter((d) => !this.#covered(d, others));
      const last = from[from.length - 1]!;
      return [
        ...from.slice(0, -1).map((d): VersionChange => ({ kind: "delete", revision: d })),
        { kind: "update", from: last, to: revision },
      ];
    }
    if (!up && heads.has(revision) && downs.length > 1) {
      const to = this.#unmergeTo(revision, downs);
      return [
        ...to.slice(0, -1).map((d): VersionChange => ({ kind: "insert", revision: d })),
        { kind: "update", from: revision, to: to[to.length - 1]! },
      ];
    }
    let down = downs[0]!;
    if (downs.length !== 1) {
      const present = downs.filter((d) => heads.has(d));
      if (present.length !== 1) {
        throw new RevisionError(
          "ambiguous_version_update",
          `Cannot move the version row for ${revision}: its down revision is ambiguous among ${downs.join(", ")}.`,
          "Check the version table with `mig current`.",
        );
      }
      down = present[0]!;
    }
    return up
      ? [{ kind: "update", from: down, to: revision }]
      : [{ kind: "update", from: revision, to: down }];
  }

  /** The down revisions that still need a row of their own once `revision` is undone. */
  #unmergeTo(revision: string, downs: readonly string[]): string[] {
    const others = this.rows.filter((h) => h !== revision);
    if (others.length > 0) return downs.filter((d) => !this.#covered(d, others));
    // As Alembic 1.13+: a down revision that is an ancestor of another one needs no row.
    return downs.filter((d) => !this.#covered(d, downs, d));
  }

  /**
   * Whether `id` is one of `heads` (other than `except`) or an ancestor of one. The map's
   * ancestor bitsets answer in constant time, so a run over a wide graph stays linear.
   */
  #covered(id: string, heads: readonly string[], except?: string): boolean {
    const map = this.#graph;
    const rev = map.rev(id);
    return heads.some((h) => h !== except && map.isAncestorOrSelf(rev, map.rev(h)));
  }
}

/** Removes a row from rows in order, as VersionRows does (rows-history.ts replays it). */
export function removeRow(order: string[], revision: string): void {
  order.splice(order.lastIndexOf(revision), 1);
}

/** Moves rows in order through a step's changes, validated already, as VersionRows.apply. */
export function replayChanges(order: string[], changes: readonly VersionChange[]): void {
  for (const change of changes) {
    if (change.kind === "insert") order.push(change.revision);
    else if (change.kind === "delete") removeRow(order, change.revision);
    else {
      removeRow(order, change.from);
      order.push(change.to);
    }
  }
}

function stampChanges(step: StampStep, heads: ReadonlySet<string>): VersionChange[] {
  const { from, to } = step;
  const up = step.direction === "up";
  if (!up && step.branchMove) return [{ kind: "delete", revision: from[0]! }];
  if (up && (step.branchMove || from.some((f) => !heads.has(f))) && to.some((t) => !heads.has(t))) {
    return [{ kind: "insert", revision: to[0]! }];
  }
  if (from.length > 1) {
    return [
      ...from.slice(0, -1).map((f): VersionChange => ({ kind: "delete", revision: f })),
      { kind: "update", from: from[from.length - 1]!, to: to[0]! },
    ];
  }
  if (to.length > 1) {
    return [
      ...to.slice(0, -1).map((t): VersionChange => ({ kind: "insert", revision: t })),
      { kind: "update", from: from[0]!, to: to[to.length - 1]! },
    ];
  }
  return [{ kind: "update", from: from[0]!, to: to[0]! }];
}
