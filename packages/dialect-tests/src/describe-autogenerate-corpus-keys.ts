import { sql } from "@mig/core";
import {
  type ChangeCase,
  child,
  parent,
  statusColumn,
  withFk,
} from "./describe-autogenerate-corpus.js";

/** Indexes, constraints, comments and enum values. */
export const KEY_CHANGE_CASES: readonly ChangeCase[] = [
  {
    name: "add an index and a unique index",
    change: (p) => [
      parent(p),
      child(p, undefined, {
        indexes: [
          { name: `${p}child_qty_ix`, columns: ["qty"] },
          { name: `${p}child_label_ix`, columns: ["label"] },
          { name: `${p}child_pl_ux`, columns: ["parent_id", "label"], unique: true },
        ],
      }),
    ],
    // MySQL has no unique index apart from a unique constraint: either reading is right.
    kinds: ["addIndex", "addConstraint"],
  },
  {
    name: "drop an index",
    change: (p) => [parent(p), child(p, undefined, { indexes: [] })],
    kinds: ["dropIndex"],
  },
  {
    name: "add a partial index",
    applies: (x) => x.capabilities.partialIndexes,
    change: (p) => [
      parent(p),
      child(p, undefined, {
        indexes: [
          { name: `${p}child_qty_ix`, columns: ["qty"] },
          { name: `${p}child_busy_ix`, columns: ["label"], where: "qty > 0" },
        ],
      }),
    ],
    kinds: ["addIndex"],
  },
  {
    name: "add an expression index",
    applies: (x) => x.capabilities.expressionIndexes,
    change: (p) => [
      parent(p),
      child(p, undefined, {
        indexes: [
          { name: `${p}child_qty_ix`, columns: ["qty"] },
          { name: `${p}child_lower_ix`, columns: [sql("lower(label)")] },
        ],
      }),
    ],
    kinds: ["addIndex"],
  },
  {
    name: "add a named unique constraint",
    change: (p) => [
      parent(p),
      child(p, undefined, {
        indexes: [{ name: `${p}child_qty_ix`, columns: ["qty"] }],
        uniques: [{ name: `${p}child_label_uq`, columns: ["label", "parent_id"] }],
      }),
    ],
    kinds: ["addConstraint"],
  },
  {
    name: "add an unnamed unique constraint (unique: true)",
    change: (p) => [parent(p), child(p, (c) => ({ ...c, label: { ...c.label!, unique: true } }))],
    kinds: ["addConstraint"],
  },
  {
    name: "add a named foreign key with ON DELETE CASCADE",
    change: (p) => [parent(p), withFk(p, "cascade")],
    kinds: ["addConstraint"],
  },
  {
    name: "add an unnamed foreign key with ON DELETE SET NULL",
    change: (p) => [
      parent(p),
      child(p, (c) => ({
        ...c,
        parent_id: {
          ...c.parent_id!,
          references: { table: `${p}parent`, column: "id", onDelete: "set null" },
        },
      })),
    ],
    kinds: ["addConstraint"],
  },
  {
    name: "change a foreign key's ON DELETE",
    base: (p) => [parent(p), withFk(p, "cascade")],
    change: (p) => [parent(p), withFk(p, "set null")],
    kinds: ["dropConstraint", "addConstraint"],
  },
  {
    name: "add a named check",
    change: (p) => [
      parent(p),
      child(p, undefined, {
        indexes: [{ name: `${p}child_qty_ix`, columns: ["qty"] }],
        checks: [{ name: `${p}child_qty_ck`, expression: "qty >= 0" }],
      }),
    ],
    kinds: ["addConstraint"],
  },
  {
    name: "add an unnamed check",
    change: (p) => [
      parent(p),
      child(p, undefined, {
        indexes: [{ name: `${p}child_qty_ix`, columns: ["qty"] }],
        checks: ["qty < 1000"],
      }),
    ],
    kinds: ["addConstraint"],
  },
  {
    name: "table comment",
    applies: (x) => x.capabilities.comments,
    change: (p) => [
      parent(p),
      child(p, undefined, {
        indexes: [{ name: `${p}child_qty_ix`, columns: ["qty"] }],
        comment: "children of parents",
      }),
    ],
    kinds: ["tableComment"],
  },
  {
    name: "column comment",
    applies: (x) => x.capabilities.comments,
    change: (p) => [
      parent(p),
      child(p, (c) => ({ ...c, label: { ...c.label!, comment: "what it's called" } })),
    ],
    kinds: ["alterColumn"],
  },
  {
    name: "enum value added",
    applies: (x) => x.enumValues,
    base: (p) => [parent(p), child(p, (c) => ({ ...c, status: statusColumn(p, ["new", "done"]) }))],
    change: (p) => [
      parent(p),
      child(p, (c) => ({ ...c, status: statusColumn(p, ["new", "done", "late"]) })),
    ],
    kinds: ["alterEnum", "alterColumn"],
  },
];
