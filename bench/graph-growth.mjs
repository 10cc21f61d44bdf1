// The growth curve of graph.mjs: mig's time per size on the linear graph, and whether each
// 10x step in revisions stays within 10x (plus 20% for noise) once Node's start is taken off.
import { cell, fmtMs, printTable, recordBudget } from "./common.mjs";

/** Prints the curve's table and records a budget per step; `curve` maps size -> rows. */
export function reportGrowth(curve, sizes, curveCommands, floorMs, alembicMax) {
  console.log();
  console.log(
    `growth on the linear graph (node -e 0 = ${fmtMs(floorMs)} ms, subtracted in "growth";` +
      ` Alembic not run above ${alembicMax} revisions: one up --sql would take minutes)`,
  );
  const lines = [];
  const budgets = [];
  for (const command of curveCommands) {
    let prev;
    for (const size of sizes) {
      const r = curve.get(size).find((x) => x.command === command);
      const own = r.mig.ok ? r.mig.ms - floorMs : undefined;
      const growth =
        prev && own !== undefined && prev.own > 0 ? `${(own / prev.own).toFixed(1)}x` : "-";
      lines.push([
        command.name,
        String(size),
        cell(r.mig),
        own === undefined ? "-" : `${((own * 1000) / size).toFixed(1)}`,
        growth,
        r.alembic ? cell(r.alembic) : "not run",
      ]);
      if (prev && own !== undefined && prev.own > 0) {
        const factor = own / prev.own;
        const step = size / prev.size;
        budgets.push({
          what: `${command.name} growth linear ${prev.size} -> ${size}`,
          mig: r.mig.ms,
          measured: `${factor.toFixed(1)}x for ${step}x revisions (minus node start)`,
          want: `<= ${Number((step * 1.2).toFixed(1))}x (linear, +20% noise)`,
          met: factor <= step * 1.2,
        });
      }
      if (prev && !r.mig.ok)
        budgets.push({
          what: `${command.name} growth linear ${prev.size} -> ${size}`,
          measured: `not measured (${r.mig.why})`,
          want: "linear",
        });
      prev = own === undefined ? undefined : { own, size };
    }
  }
  printTable(
    ["command", "revisions", "mig ms", "us/revision", "growth", "alembic ms"],
    lines,
    new Set([1, 2, 3, 4, 5]),
  );
  console.log();
  for (const b of budgets) recordBudget(b);
}
