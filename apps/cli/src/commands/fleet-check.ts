import type { TargetCheckResult } from "@mig/core";
import { checkAll } from "@mig/core/internal/fleet";
import type { CommandContext } from "../context.js";
import { targetLine } from "../fleet-lines.js";
import type { FleetFlags } from "../fleet-run.js";
import { fleetJson } from "../fleet-summary.js";
import { footer, readTable, runFleet } from "./fleet.js";
import { changeJson } from "./schema.js";

const verdict = (r: TargetCheckResult) => {
  const n = r.changes?.length ?? 0;
  return r.clean ? "matches" : `differs (${n} change${n === 1 ? "" : "s"})`;
};

/**
 * `mig check --all`: each target compared with the schema module. Exit 1 when a target
 * differs or could not be compared, as `mig check` exits 1 for one database that differs.
 */
export async function fleetCheckCommand(ctx: CommandContext, flags: FleetFlags): Promise<number> {
  const result = await runFleet<TargetCheckResult>(ctx, flags, {
    line: (r) => (r.status === "failed" ? targetLine(r, "up") : `${r.name}: ${verdict(r)}`),
    run: (targets, options) => checkAll(targets, options),
  });
  const differ = result.targets.filter((t) => t.status !== "failed" && !t.clean);
  const ok = result.ok && differ.length === 0;
  if (ctx.out.options.json) {
    const json = fleetJson(result);
    ctx.out.json({
      targets: json.targets.map((t, i) => {
        const r = result.targets[i];
        return r?.status === "failed"
          ? t
          : { ...t, clean: r?.clean ?? false, changes: (r?.changes ?? []).map(changeJson) };
      }),
      ok,
    });
    return ok ? 0 : 1;
  }
  for (const line of readTable(result.targets, ["schema"], (t) => [verdict(t)])) ctx.out.line(line);
  for (const t of differ) {
    ctx.out.line();
    ctx.out.line(`${t.name}:`);
    for (const c of t.changes ?? []) ctx.out.line(`  ${c.description}`);
  }
  const failed = result.targets.filter((t) => t.status === "failed").length;
  const clean = result.targets.length - failed - differ.length;
  footer(
    ctx,
    result.targets,
    [
      `${clean} match`,
      ...(differ.length > 0 ? [`${differ.length} differ`] : []),
      ...(failed > 0 ? [`${failed} failed`] : []),
    ].join(", "),
  );
  return ok ? 0 : 1;
}
