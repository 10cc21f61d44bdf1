// The revision graphs the benchmarks run on, generated from a fixed seed and written in
// both mig's and Alembic's script formats (bench/README.md describes the shapes).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALEMBIC_ENV, alembicIni } from "./alembic-project.mjs";
import { prng, WORK } from "./common.mjs";

const GENERATOR_VERSION = 1; // bump when the generated files change, to regenerate

// ---------------------------------------------------------------- graph generation

/**
 * Revisions in creation order. "linear": one chain. "branchy": a main line with branches
 * off random earlier revisions, merges of two heads, a second base, a few branch labels
 * and cross-branch dependsOn. Merges only join heads and dependencies only target
 * revisions that already have a child and are not ancestors, so neither tool hits the
 * "parent is an ancestor of another parent" case Alembic crashes on.
 */
export function generate(shape, size, seed) {
  const r = prng(seed);
  const revs = [];
  const children = [];
  const ids = new Set();
  const newId = () => {
    for (;;) {
      const id = r.hex(12);
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  };
  const heads = new Set();
  const indexOf = new Map();
  let labels = 0;
  for (let i = 0; i < size; i++) {
    const rev = { id: newId(), downs: [], labels: [], deps: [], message: `change ${i}` };
    if (i > 0) {
      const headList = [...heads];
      if (shape === "linear") rev.downs = [revs[i - 1].id];
      else if (i === Math.floor(size / 3))
        rev.downs = []; // a second base
      else if (headList.length >= 2 && r.next() < 0.06) {
        const a = headList[r.int(headList.length)];
        let b = headList[r.int(headList.length)];
        while (b === a) b = headList[r.int(headList.length)];
        rev.downs = [revs[a].id, revs[b].id];
      } else if (r.next() < 0.08 || headList.length === 0) {
        rev.downs = [revs[r.int(i)].id];
      } else {
        rev.downs = [revs[headList[r.int(headList.length)]].id];
      }
      if (shape === "branchy" && r.next() < 0.01)
        rev.deps = pickDependency(r, revs, children, rev.downs);
      if (shape === "branchy" && labels < 8 && r.next() < 0.002)
        rev.labels = [`feature_${labels++}`];
    }
    const index = revs.length;
    revs.push(rev);
    indexOf.set(rev.id, index);
    children.push(0);
    heads.add(index);
    for (const d of rev.downs) {
      const p = indexOf.get(d);
      children[p]++;
      heads.delete(p);
    }
  }
  return revs;
}

function pickDependency(r, revs, children, downs) {
  const byId = new Map(revs.map((x, i) => [x.id, i]));
  // Everything below the new revision's parents, through down revisions and dependencies.
  const below = new Set();
  const todo = [...downs];
  while (todo.length > 0) {
    const id = todo.pop();
    if (below.has(id)) continue;
    below.add(id);
    const x = revs[byId.get(id)];
    todo.push(...x.downs, ...x.deps);
  }
  for (let tries = 0; tries < 20; tries++) {
    const cand = revs[r.int(revs.length)];
    if (children[byId.get(cand.id)] > 0 && !below.has(cand.id)) return [cand.id];
  }
  return [];
}

// ---------------------------------------------------------------- project writers

const pad = (i, width) => String(i).padStart(width, "0");
const slug = (message) => message.replace(/\W+/g, "_");
const tsLiteral = (list) =>
  list.length === 0 ? "[]" : `[${list.map((x) => JSON.stringify(x)).join(", ")}]`;

function tsDown(downs) {
  if (downs.length === 0) return "null";
  return downs.length === 1 ? JSON.stringify(downs[0]) : tsLiteral(downs);
}

/** mig's TypeScript script format (DESIGN.md section 3). */
function migScript(rev) {
  return `/** ${rev.message} */
import type { Operations } from "@mig/core";

export const revision = ${JSON.stringify(rev.id)};
export const downRevision: string | readonly string[] | null = ${tsDown(rev.downs)};
export const branchLabels: readonly string[] = ${tsLiteral(rev.labels)};
export const dependsOn: readonly string[] = ${tsLiteral(rev.deps)};

export async function upgrade(op: Operations): Promise<void> {
  op.execute("SELECT 1");
}

export async function downgrade(op: Operations): Promise<void> {
  op.execute("SELECT 1");
}
`;
}

function pyValue(list, scalarWhenOne) {
  if (list.length === 0) return "None";
  if (list.length === 1 && scalarWhenOne) return `'${list[0]}'`;
  return `(${list.map((x) => `'${x}'`).join(", ")}${list.length === 1 ? "," : ""})`;
}

/** Alembic's script format, as `alembic revision` writes it. */
function alembicScript(rev) {
  return `"""${rev.message}

Revision ID: ${rev.id}
Revises: ${rev.downs.join(", ")}
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '${rev.id}'
down_revision = ${pyValue(rev.downs, true)}
branch_labels = ${pyValue(rev.labels, false)}
depends_on = ${pyValue(rev.deps, true)}


def upgrade() -> None:
    op.execute("SELECT 1")


def downgrade() -> None:
    op.execute("SELECT 1")
`;
}

const ALEMBIC_MAKO = `"""\${message}

Revision ID: \${up_revision}
Revises: \${down_revision | comma,n}
Create Date: \${create_date}

"""
from alembic import op
import sqlalchemy as sa
\${imports if imports else ""}

# revision identifiers, used by Alembic.
revision = \${repr(up_revision)}
down_revision = \${repr(down_revision)}
branch_labels = \${repr(branch_labels)}
depends_on = \${repr(depends_on)}


def upgrade() -> None:
    \${upgrades if upgrades else "pass"}


def downgrade() -> None:
    \${downgrades if downgrades else "pass"}
`;

/**
 * bench/.work/<shape>-<size>/{mig,alembic}: the same graph in both tools' formats, reused
 * while the generator is unchanged (or until `regenerate`). `alembic: false` writes mig's
 * project only (100,000 revisions: Alembic is not run at that size). `revs` is null when
 * the projects were reused, so callers know whether the files are new. `name` is the
 * directory under bench/.work (default `<shape>-<size>`).
 */
export function writeProjects(
  shape,
  size,
  { regenerate = false, alembic = true, name = `${shape}-${size}` } = {},
) {
  const migDir = join(WORK, name, "mig");
  const alembicDir = join(WORK, name, "alembic");
  const stamp = join(WORK, name, ".generated");
  const want = JSON.stringify({ GENERATOR_VERSION, shape, size, ...(alembic ? {} : { alembic }) });
  const have = existsSync(stamp) ? readFileSync(stamp, "utf8") : undefined;
  // A project with both formats also serves a caller that wants mig's only.
  const full = JSON.stringify({ GENERATOR_VERSION, shape, size });
  if (!regenerate && (have === want || have === full)) {
    return { name, migDir, alembicDir, revs: null };
  }
  rmSync(join(WORK, name), { recursive: true, force: true });
  const revs = generate(shape, size, size * 31 + shape.length);
  const width = String(size).length;
  mkdirSync(join(migDir, "migrations"), { recursive: true });
  writeFileSync(
    join(migDir, "mig.config.json"),
    `${JSON.stringify({ url: "sqlite:./bench.db", scriptLocation: "migrations" })}\n`,
  );
  if (alembic) {
    mkdirSync(join(alembicDir, "migrations", "versions"), { recursive: true });
    writeFileSync(join(alembicDir, "alembic.ini"), alembicIni("sqlite:///bench.db"));
    writeFileSync(join(alembicDir, "migrations", "env.py"), ALEMBIC_ENV);
    writeFileSync(join(alembicDir, "migrations", "script.py.mako"), ALEMBIC_MAKO);
  }
  revs.forEach((rev, i) => {
    // Same file-name order in both projects: index first, as a file template with a date would sort.
    const base = `${pad(i + 1, width)}_${rev.id}_${slug(rev.message)}`;
    writeFileSync(join(migDir, "migrations", `${base}.ts`), migScript(rev));
    if (alembic)
      writeFileSync(join(alembicDir, "migrations", "versions", `${base}.py`), alembicScript(rev));
  });
  writeFileSync(stamp, want);
  return { name, migDir, alembicDir, revs };
}
