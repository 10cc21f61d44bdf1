import type { Operation } from "../operations/operation.js";
import { code, type Expr, obj, str } from "./code-expr.js";
import { defaultExpr, typeExpr } from "./render-values.js";

/** The spec `op.alterColumn` / `batch.alterColumn` take: the changes, then `existing`. */
export function alterSpecExpr(op: Extract<Operation, { kind: "alterColumn" }>): Expr {
  const { changes, existing } = op;
  const nullOr = <T>(v: T | null | undefined, f: (v: T) => Expr) =>
    v === undefined ? undefined : v === null ? code("null") : f(v);
  const bool = (v: boolean | undefined) => (v === undefined ? undefined : code(String(v)));
  return obj([
    ["type", changes.type === undefined ? undefined : typeExpr(changes.type)],
    ["using", changes.using === undefined ? undefined : str(changes.using)],
    ["nullable", bool(changes.nullable)],
    ["default", nullOr(changes.default, defaultExpr)],
    ["newName", changes.newName === undefined ? undefined : str(changes.newName)],
    ["comment", nullOr(changes.comment, str)],
    [
      "existing",
      existing &&
        obj([
          ["type", existing.type === undefined ? undefined : typeExpr(existing.type)],
          ["nullable", bool(existing.nullable)],
          ["default", nullOr(existing.default, defaultExpr)],
          ["comment", nullOr(existing.comment, str)],
          ["autoincrement", bool(existing.autoincrement)],
        ]),
    ],
  ]);
}
