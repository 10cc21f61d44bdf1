import type { RevisionHeader } from "../../src/revision/index.js";
import type { DifferentialCase } from "./compare.js";
import type { GraphCommand } from "./random-commands.js";

/** "b:a" is b with down revision a; "m:a,b" merges; options `label=x,y` and `dep=a,b`. */
function graph(...specs: string[]): RevisionHeader[] {
  return specs.map((spec) => {
    const [head, ...opts] = spec.split(" ");
    const [revision, downs = ""] = head!.split(":");
    let branchLabels: string[] = [];
    let dependsOn: string[] = [];
    for (const opt of opts) {
      const [key, value = ""] = opt.split("=");
      if (key === "label") branchLabels = value.split(",");
      if (key === "dep") dependsOn = value.split(",");
    }
    return {
      revision: revision!,
      downRevisions: downs ? downs.split(",") : [],
      branchLabels,
      dependsOn,
      message: spec,
    };
  });
}

const up = (target: string): GraphCommand => ({ cmd: "upgrade", target });
const down = (target: string): GraphCommand => ({ cmd: "downgrade", target });
const stamp = (target: string | string[]): GraphCommand => ({ cmd: "stamp", target });

interface FixedGraph {
  readonly name: string;
  /** mig must refuse this graph with a MigError; Alembic refuses it too (or, for a duplicate id, warns). */
  readonly invalid?: boolean;
  /** Where mig still differs from Alembic 1.19: the case is expected to fail until fixed. */
  readonly knownGap?: string;
  readonly headers: RevisionHeader[];
  readonly runs: GraphCommand[][];
  readonly resolve?: string[];
  readonly historyRanges?: string[];
}

/** Hand-made graphs, each exercising one feature with commands a user would type. */
export const FIXED_GRAPHS: readonly FixedGraph[] = [
  {
    name: "linear",
    headers: graph("a1a1", "a2a2:a1a1", "a3a3:a2a2", "a4a4:a3a3", "a5a5:a4a4"),
    runs: [
      [
        up("head"),
        down("-2"),
        up("+1"),
        down("base"),
        up("a3a3"),
        up("a2a2"),
        up("+2"),
        down("a4a4-2"),
      ],
      [
        up("a2a2+2"),
        stamp("a5a5"),
        down("a1a1"),
        down("-1"),
        down("-1"),
        up("heads"),
        stamp("base"),
      ],
    ],
    resolve: ["head", "a3", "a3a3", "-1", "a1a1+1"],
    historyRanges: ["a2a2:a4a4", "a4a4:a2a2", "-2:", ":a3a3", "a3a3:head"],
  },
  {
    name: "diamond",
    headers: graph("root", "left:root", "rght:root", "mrge:left,rght"),
    runs: [
      [
        up("left"),
        up("heads"),
        down("left"),
        down("-1"),
        up("rght"),
        up("mrge"),
        down("rght"),
        down("base"),
      ],
      [up("rght"), up("left"), up("+1"), down("root"), up("head"), down("-1"), down("-1")],
      [
        up("mrge"),
        stamp("left"),
        stamp(["left", "rght"]),
        up("head"),
        stamp("root"),
        stamp("mrge"),
      ],
    ],
  },
  {
    name: "3-way merge",
    headers: graph(
      "root",
      "xxxx:root",
      "yyyy:root",
      "zzzz:root",
      "m3m3:xxxx,yyyy,zzzz",
      "tail:m3m3",
    ),
    runs: [
      [up("heads"), down("m3m3"), down("yyyy"), down("-1"), up("+1"), up("tail"), down("root")],
      [up("yyyy"), up("zzzz"), up("m3m3"), down("xxxx"), up("head"), down("base")],
    ],
  },
  {
    name: "two bases",
    headers: graph("a1a1", "a2a2:a1a1", "b1b1 label=beta", "b2b2:b1b1"),
    runs: [
      [up("heads"), down("beta@base"), up("beta@+1"), down("a1a1"), up("beta@head"), down("-1")],
      [
        up("a2a2"),
        up("beta@+2"),
        down("beta@-1"),
        stamp("base"),
        up("b1b1"),
        up("a1a1"),
        down("base"),
      ],
      [up("head"), up("beta@head"), up("a2a2"), down("beta@b1b1"), down("a2a2-1")],
    ],
    resolve: [
      "beta",
      "beta@head",
      "beta@base",
      "beta@-1",
      "beta@b1b1",
      "beta@a1a1",
      "bet",
      "beta@heads",
    ],
  },
  {
    name: "dependsOn across branches",
    // Alembic issue #379's shape: b2 needs a2 applied first, without merging.
    headers: graph("a1a1", "a2a2:a1a1", "a3a3:a2a2", "b1b1", "b2b2:b1b1 dep=a2a2", "b3b3:b2b2"),
    runs: [
      [up("b2b2"), up("heads"), down("a1a1"), down("b1b1"), up("b3b3"), down("a2a2"), down("base")],
      [up("a3a3"), up("b3b3"), down("b2b2"), down("-1"), up("heads"), stamp("a1a1")],
      [up("b1b1"), up("+1"), stamp("a3a3"), down("a2a2"), up("b2b2+1")],
    ],
    resolve: ["heads", "b2b2", "a2a2"],
  },
  {
    name: "branch labels",
    headers: graph(
      "root",
      "s1s1:root label=shop",
      "s2s2:s1s1",
      "u1u1:root label=users",
      "u2u2:u1u1",
      "u3u3:u2u2",
    ),
    runs: [
      [
        up("shop@head"),
        up("users@+1"),
        up("users@+1"),
        down("shop@-1"),
        down("users@base"),
        up("heads"),
      ],
      [up("users@head"), down("users@-2"), up("shop@+2"), down("shop@root"), down("-1")],
      [up("heads"), down("shop@s1s1"), down("users@u1u1"), up("shop@heads"), stamp("users@head")],
    ],
    resolve: [
      "shop",
      "shop@head",
      "users@head",
      "shop@base",
      "users@-1",
      "shop@u2u2",
      "shop@root",
      "sho",
      "use",
    ],
    historyRanges: ["shop@base:shop@head", "users@base:users@head", "root:shop@head"],
  },
  {
    name: "dependsOn by label, merge, then a branch",
    headers: graph(
      "core",
      "aut1:core label=auth",
      "bil1:core label=billing",
      "join:aut1,bil1",
      "feat:join dep=auth",
      "ops1 label=ops",
      "ops2:ops1 dep=billing",
      "late:join",
    ),
    runs: [
      [up("ops@head"), up("feat"), up("heads"), down("bil1"), down("ops@-1"), down("base")],
      [up("late"), up("ops2"), down("aut1"), up("feat"), down("join"), up("heads")],
    ],
    resolve: ["billing", "ops@head", "auth@head", "bill", "billing@head", "heads", "auth@aut1"],
  },
  {
    name: "load order reversed (children before parents)",
    headers: graph("tail:mid2", "mid2:mid1", "side:mid1", "mid1:bot0", "bot0"),
    runs: [[up("heads"), down("mid1"), up("side"), up("tail"), down("-1"), down("base")]],
  },
  // A parent that is an ancestor of another parent: DESIGN.md section 4 lists these among
  // what Alembic crashes on, and the random graphs avoid them, but on these small ones
  // Alembic runs fine. Undoing such a revision is what Alembic 1.13 fixed (#1373): 1.8.1
  // puts back a row for every parent, leaving a revision and its own ancestor in the
  // version table; the oracle runs the 1.13 code.
  {
    name: "dependsOn an ancestor of the down revision",
    headers: graph("a1a1", "a2a2:a1a1", "a3a3:a2a2 dep=a1a1"),
    runs: [
      [
        up("heads"),
        down("-1"),
        down("base"),
        up("a2a2"),
        up("a3a3"),
        down("a1a1"),
        up("a3a3"),
        down("a2a2"),
      ],
    ],
  },
  {
    name: "dependsOn reaching an ancestor through another dependency",
    headers: graph(
      "a1a1",
      "b1b1 dep=a1a1",
      "b2b2:b1b1",
      "a2a2:b2b2 dep=a1a1",
      "c1c1:a1a1",
      "c2c2:c1c1 dep=b1b1",
    ),
    runs: [
      [
        up("heads"),
        down("-1"),
        down("b1b1"),
        down("base"),
        up("a2a2"),
        down("-2"),
        up("c2c2"),
        down("a1a1"),
      ],
    ],
  },
  {
    name: "merge listing an ancestor of the other parent",
    headers: graph("a1a1", "a2a2:a1a1", "m1m1:a1a1,a2a2"),
    runs: [[up("heads"), down("-1"), down("a2a2"), down("a1a1"), up("m1m1"), down("base")]],
  },
  {
    // Each of these makes Alembic fail with an internal error (AssertionError, KeyError),
    // some after writing part of a stamp; mig must answer with a MigError or a valid run.
    name: "commands Alembic crashes on",
    headers: graph("a1a1", "a2a2:a1a1", "a3a3:a2a2", "b1b1 label=bee", "b2b2:b1b1 dep=a2a2"),
    runs: [
      [
        up("a3a3+1"),
        up("a1a1-1"),
        down("bee@-1"),
        down("a1a1@-1"),
        up("a2a2"),
        stamp(["a3a3", "a1a1"]),
      ],
      [stamp(["b1b1", "b1b1"]), up("heads"), stamp(["a3a3", "a3a3"]), down("bee@-1"), down("base")],
    ],
    historyRanges: ["a1a1:", "a2a2:b2b2", "a1a1:b2b2"],
  },
  {
    // sid2 and lone have children only through dependsOn: `heads` prints them as
    // "(effective head)". Stamping a merge point's parents crashes Alembic (KeyError,
    // 1.8.1 and 1.19); `down -1` at a merge point is an error in both.
    name: "effective heads; stamps and relative steps at a merge point",
    headers: graph(
      "root",
      "left:root label=lft",
      "rght:root",
      "mrge:left,rght",
      "side",
      "sid2:side",
      "tip1:mrge dep=sid2",
      "lone",
      "lon2 dep=lone",
    ),
    runs: [
      [up("mrge"), down("-1"), stamp(["left", "rght"]), up("heads"), down("-2")],
      [up("heads"), stamp(["left", "rght"]), down("-1"), stamp(["mrge", "side"])],
      [up("mrge"), stamp(["root", "left"]), up("+1"), down("+1"), up("-1")],
    ],
    resolve: ["heads", "head", "lft@head", "mrge-1", "tip1-2"],
    historyRanges: ["side:", "root:mrge", ":sid2"],
  },
  // Graphs Alembic refuses (or crashes on) when it builds the map.
  {
    name: "invalid: branch label equal to a revision id",
    invalid: true,
    headers: graph("core", "auth:core label=auth"),
    runs: [],
  },
  {
    name: "invalid: branch label used twice",
    invalid: true,
    headers: graph("r1r1 label=x1", "r2r2:r1r1 label=x1"),
    runs: [],
  },
  {
    name: "invalid: missing down revision",
    invalid: true,
    headers: graph("r1r1", "r2r2:gone"),
    runs: [],
  },
  {
    name: "invalid: missing dependsOn",
    invalid: true,
    headers: graph("r1r1", "r2r2:r1r1 dep=gone"),
    runs: [],
  },
  {
    name: "invalid: cycle",
    invalid: true,
    headers: graph("r0r0", "r1r1:r0r0,r3r3", "r2r2:r1r1", "r3r3:r2r2"),
    runs: [],
  },
  {
    name: "invalid: dependency cycle",
    invalid: true,
    headers: graph("r1r1 dep=r2r2", "r2r2:r1r1"),
    runs: [],
  },
  // Alembic only warns "Revision r1r1 is present more than once" and keeps the last
  // file's; DESIGN.md section 4 makes a duplicate id an error.
  { name: "invalid: duplicate revision", invalid: true, headers: graph("r1r1", "r1r1"), runs: [] },
];

/** The hand-made graphs with their commands; random identifiers are added by the caller. */
export function fixedCases(): DifferentialCase[] {
  return FIXED_GRAPHS.map((g) => ({
    name: g.name,
    headers: g.headers,
    invalid: g.invalid ?? false,
    ...(g.knownGap ? { knownGap: g.knownGap } : {}),
    queries: { runs: g.runs, resolve: g.resolve ?? [], historyRanges: g.historyRanges ?? [] },
  }));
}
