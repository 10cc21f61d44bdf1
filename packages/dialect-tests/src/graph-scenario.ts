import type { ScriptSpec } from "./project.js";

// a - b - c ----- e        d carries label `feat`; e merges c and d
//      \- d -/             f is a second base labelled `other`; g depends on c
// f - g (dependsOn c)
export const GRAPH: readonly ScriptSpec[] = [
  { revision: "a1a1a1a1a1a1" },
  { revision: "b2b2b2b2b2b2", down: "a1a1a1a1a1a1" },
  { revision: "c3c3c3c3c3c3", down: "b2b2b2b2b2b2" },
  { revision: "d4d4d4d4d4d4", down: "b2b2b2b2b2b2", labels: ["feat"] },
  { revision: "e5e5e5e5e5e5", down: ["c3c3c3c3c3c3", "d4d4d4d4d4d4"] },
  { revision: "f6f6f6f6f6f6", labels: ["other"], format: "sql" },
  { revision: "a7a7a7a7a7a7", down: "f6f6f6f6f6f6", dependsOn: ["c3c3c3c3c3c3"] },
];

export interface ScenarioStep {
  readonly cmd: "upgrade" | "downgrade" | "stamp";
  readonly target: string;
  /** Scripts run, in order, as `<4-char prefix><up|down>`. */
  readonly applied: readonly string[];
  /** Version rows after, sorted, 4-char prefixes. */
  readonly rows: readonly string[];
  /** An error is expected (Alembic raises too). */
  readonly error?: string;
}

// Recorded from Alembic 1.8.1 on the same graph (scripts loaded in file-name order).
export const SCENARIO: readonly ScenarioStep[] = [
  { cmd: "upgrade", target: "c3c3", applied: ["a1a1up", "b2b2up", "c3c3up"], rows: ["c3c3"] },
  { cmd: "upgrade", target: "feat@head", applied: ["d4d4up", "e5e5up"], rows: ["e5e5"] },
  { cmd: "upgrade", target: "other@head", applied: ["f6f6up", "a7a7up"], rows: ["a7a7", "e5e5"] },
  { cmd: "upgrade", target: "heads", applied: [], rows: ["a7a7", "e5e5"] },
  {
    cmd: "downgrade",
    target: "b2b2",
    applied: ["e5e5down", "a7a7down", "c3c3down", "d4d4down"],
    rows: ["b2b2", "f6f6"],
  },
  { cmd: "downgrade", target: "other@base", applied: ["f6f6down"], rows: ["b2b2"] },
  { cmd: "upgrade", target: "+2", applied: [], rows: ["b2b2"], error: "ambiguous_walk" },
  {
    cmd: "upgrade",
    target: "heads",
    applied: ["d4d4up", "c3c3up", "f6f6up", "a7a7up", "e5e5up"],
    rows: ["a7a7", "e5e5"],
  },
  { cmd: "downgrade", target: "c3c3", applied: ["e5e5down"], rows: ["a7a7", "d4d4"] },
  { cmd: "stamp", target: "heads", applied: [], rows: ["e5e5"] },
  {
    cmd: "downgrade",
    target: "base",
    applied: ["e5e5down", "c3c3down", "d4d4down", "b2b2down", "a1a1down"],
    rows: [],
  },
];
