import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Dialect, downgrade, squash, upgrade } from "@mig/core";
import { expect, test } from "vitest";
import { linear } from "./conformance-helpers.js";
import { existingTables, versionRows } from "./inspect.js";
import type { ScriptSpec, TestProject } from "./project.js";

const ids = linear(5).map((s) => s.revision);
const tables = ids.map((id) => `t_${id}`);

// r3 uses operations (not raw SQL), so the squashed script's rendered calls run too.
const OPS_SCRIPT = `/** script ${ids[2]} */
export const revision = "${ids[2]}";
export const downRevision = "${ids[1]}";
export async function upgrade(op) {
  await op.createTable("t_${ids[2]}", { id: { type: "integer", primaryKey: true } });
  await op.addColumn("t_${ids[2]}", "note", { type: "text" });
}
export async function downgrade(op) {
  await op.dropTable("t_${ids[2]}");
}
`;

/**
 * `mig squash r2:r4` on a database before, inside, at the end of and after the run: each
 * reaches head and base with the version rows and tables it would have without the squash.
 */
export function testSquash(
  dialect: Dialect,
  make: (scripts: readonly ScriptSpec[]) => Promise<TestProject>,
): void {
  for (const at of ["base", ids[0]!, ids[1]!, ids[2]!, ids[3]!, ids[4]!]) {
    test(`squash: a database at ${at === "base" ? "base" : `r${Number(at.slice(1))}`} reaches head and base after r2..r4 is squashed`, async () => {
      const project = await make(linear(5));
      writeFileSync(join(project.migrations, `0002_${ids[2]}.ts`), OPS_SCRIPT);
      if (at !== "base") await upgrade({ ...project.options, target: at });
      const made = await squash({
        ...project.options,
        range: `${ids[1]}:${ids[3]}`,
        message: "squashed",
        revId: "s00000000001",
      });
      expect(made.header.replaces).toEqual(ids.slice(1, 4));
      await upgrade(project.options);
      expect(await versionRows(dialect, project)).toEqual([ids[4]]);
      expect(await existingTables(dialect, project, tables)).toEqual(tables);
      await downgrade({ ...project.options, target: "base" });
      expect(await versionRows(dialect, project)).toEqual([]);
      expect(await existingTables(dialect, project, tables)).toEqual([]);
      await upgrade({ ...project.options, target: "s00000000001" });
      expect(await versionRows(dialect, project)).toEqual(["s00000000001"]);
      expect(await existingTables(dialect, project, tables)).toEqual(tables.slice(0, 4));
    });
  }
}
