import { describe, expect, it } from "vitest";
import { ranModule, rememberModule } from "./process-modules.js";
import type { ScriptModule, ScriptRef } from "./script-module.js";

const ref = (path: string, changedMs = 1000): ScriptRef => ({
  header: { revision: path, downRevisions: [], branchLabels: [], dependsOn: [], message: "" },
  path,
  format: "ts",
  transactional: true,
  size: 10,
  changedMs,
});
const module = (): ScriptModule => ({ upgrade: () => {}, downgrade: () => {} });
const project = (...refs: ScriptRef[]) => new Map(refs.map((r) => [r.path, r]));

// A script's top level runs once per process, as an ES module's would.
describe("the modules a process ran", () => {
  it("are found again for the same script, and for another project's script of the same file", () => {
    const a = ref("/p/a.ts");
    const first = project(a);
    const ran = module();
    rememberModule(a, first, ran);
    expect(ranModule(a, first)).toBe(ran);
    const again = ref("/p/a.ts");
    expect(ranModule(again, project(again))).toBe(ran);
    // A project opened later still finds what the first one ran after it looked.
    const b = ref("/p/b.ts");
    const later = module();
    rememberModule(b, first, later);
    const b2 = ref("/p/b.ts");
    expect(ranModule(b2, project(b2))).toBe(later);
  });

  it("are not found once the file changed, nor for a file never run", () => {
    const c = ref("/p/c.ts");
    rememberModule(c, project(c), module());
    const edited = ref("/p/c.ts", 2000);
    expect(ranModule(edited, project(edited))).toBeUndefined();
    const d = ref("/p/d.ts");
    expect(ranModule(d, project(d))).toBeUndefined();
  });
});
