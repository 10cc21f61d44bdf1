import type { RevisionHeader } from "../src/revision/revision-header.js";

/** Terse graph notation for tests: "b:a" is revision b with down revision a; "m:a,b" merges. */
export function graph(...specs: string[]): RevisionHeader[] {
  return specs.map((spec) => {
    const [head, ...opts] = spec.split(" ");
    const [revision, downs = ""] = head!.split(":");
    const header = {
      revision: revision!,
      downRevisions: downs ? downs.split(",") : [],
      branchLabels: [] as string[],
      dependsOn: [] as string[],
      message: `rev ${revision}`,
    };
    for (const opt of opts) {
      const [key, value = ""] = opt.split("=");
      if (key === "label") header.branchLabels = value.split(",");
      if (key === "dep") header.dependsOn = value.split(",");
    }
    return header;
  });
}
