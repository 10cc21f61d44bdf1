#!/usr/bin/python3
"""Alembic as an oracle for mig's revision graph.

Run with the system interpreter, the one that can import the apt package:

    echo '{"revisions": [...], "queries": {...}}' | /usr/bin/python3 oracle.py

Input (stdin, JSON): one graph, or {"graphs": [graph, ...]} for a batch (one process,
many graphs: starting Python and importing Alembic costs ~0.3 s, a graph ~10-50 ms).

    graph = {
      "revisions": [  # in LOAD ORDER (file-name order)
        {"revision": "ab12", "downRevisions": [], "branchLabels": [], "dependsOn": []}, ...
      ],
      "queries": {
        "heads": true, "bases": true, "history": true, "branches": true,
        "historyRanges": ["a:b", ":b", "a:"],
        "resolve": ["head", "ab1", "lbl@head", ...],
        "runs": [[{"cmd": "upgrade"|"downgrade"|"stamp", "target": "heads" | [..],
                   "purge": false}, ...], ...]  # each run starts from an empty database
      }
    }

Output (stdout, JSON): for a graph
    {"alembic": "1.8.1", "heads": [...], "realHeads": [...], "bases": [...],
     "headsText" / "historyText" / "historyVerboseText": [printed lines],
     "history": [...], "historyRanges": {"a:b": [...] | {"error": ...}},
     "branches": [{"revision": id, "children": [sorted ids]}],
     "resolve": {"ident": [id | null | "base"] | {"error": ...}},
     "runs": [[{"cmd", "target", "applied": [[rev, "up"|"down"], ...],
                "rows": [sorted version rows], "rowsRaw": [rows as Alembic reads them],
                "error"?: {"type", "message", "crash"}}, ...]]}
    or {"graphError": {...}} when the revision map itself does not build.
For a batch: {"results": [...]} in input order.

An error is {"type": class name, "message": str(exc), "crash": bool}; `crash` is true
when Alembic raised something other than its own CommandError / RevisionError family
(KeyError, AssertionError, TypeError...): an internal failure, not a user-facing error.
"""

import io
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import warnings

try:
    import alembic
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.script import revision as alembic_revision
    from alembic.script.base import Script
    from alembic.runtime import migration
    from alembic.util import CommandError
except ImportError as exc:  # pragma: no cover - reported to the caller
    sys.stderr.write(
        "oracle.py: cannot import alembic (%s). Run it with /usr/bin/python3 after "
        "`bash scripts/ensure-tools.sh --databases` (apt-get install -y python3-alembic alembic).\n"
        % exc
    )
    sys.exit(3)


# Alembic 1.8.1 lists version files with a bare os.listdir(), so load order (which
# breaks ties in its topological sort and orders `heads`) depends on the file system.
# Alembic >= 1.10 loads them in sorted file-name order, which is what mig follows
# (DESIGN.md section 4): patch the listing so files load sorted.
_orig_list_py_dir = Script._list_py_dir.__func__


def _sorted_list_py_dir(cls, scriptdir, path):
    return sorted(_orig_list_py_dir(cls, scriptdir, path))


Script._list_py_dir = classmethod(_sorted_list_py_dir)

# Every command builds a new ScriptDirectory and re-imports every script. One graph is
# queried many times, so reuse one ScriptDirectory per script location: the commands
# only read it.
_orig_from_config = ScriptDirectory.from_config.__func__
_script_cache = {}


def _cached_from_config(cls, config):
    key = config.get_main_option("script_location")
    if key not in _script_cache:
        _script_cache[key] = _orig_from_config(cls, config)
    return _script_cache[key]


ScriptDirectory.from_config = classmethod(_cached_from_config)


def _unmerge_to_revisions_1_13(self, heads):
    """RevisionStep._unmerge_to_revisions as Alembic >= 1.13 has it (ticket #1373).

    Undoing a merge whose down revisions include one that is an ancestor of another (a
    merge or dependsOn naming an ancestor of another parent): 1.8.1 puts a row back for
    every down revision, so a revision and its own ancestor both end up in the version
    table; 1.13 drops the ancestors. mig follows 1.19 (DESIGN.md section 4), so the
    oracle does too. Nothing else in the graph, plan and version-row code differs
    between 1.8.1 and 1.19 (compared file by file: script/revision.py, script/base.py,
    runtime/migration.py), apart from ':' becoming illegal in revision ids.
    """
    other_heads = set(heads).difference([self.revision.revision])
    if other_heads:
        ancestors = {
            r.revision
            for r in self.revision_map._get_ancestor_nodes(
                self.revision_map.get_revisions(other_heads), check=False
            )
        }
        return tuple(set(self.to_revisions).difference(ancestors))
    ancestors = {
        r.revision
        for to_revision in self.to_revisions
        for r in self.revision_map._get_ancestor_nodes(
            self.revision_map.get_revisions(to_revision), check=False
        )
        if r.revision != to_revision
    }
    return tuple(set(self.to_revisions).difference(ancestors))


migration.RevisionStep._unmerge_to_revisions = _unmerge_to_revisions_1_13


def _normalize_depends_on_in_declared_order(self, revisions, map_):
    """RevisionMap._normalize_depends_on, keeping dependsOn in declared order.

    Alembic (1.8.1 and 1.19 alike) builds the normalized dependencies as
    tuple(set(...)): with two or more, their order follows Python's string hashing,
    which is random per process unless PYTHONHASHSEED is set. That order decides the
    topological sort, so `history` and `upgrade` orders change from run to run. Any
    fixed order is one Alembic can produce; mig keeps the declared one, and so does the
    oracle, so its answers are reproducible.
    """
    for revision in revisions:
        if revision._resolved_dependencies:
            inherited = set()
            for rev in self._get_ancestor_nodes(
                [revision], include_dependencies=False, map_=map_
            ):
                if rev is not revision and rev._resolved_dependencies:
                    inherited.update(rev._resolved_dependencies)
            revision._normalized_resolved_dependencies = tuple(
                dict.fromkeys(
                    d for d in revision._resolved_dependencies if d not in inherited
                )
            )
        else:
            revision._normalized_resolved_dependencies = ()


alembic_revision.RevisionMap._normalize_depends_on = _normalize_depends_on_in_declared_order

_ALEMBIC_ERRORS = (CommandError, alembic_revision.RevisionError)

ENV_PY = '''\
"""Online env.py for the oracle: the standard template, no metadata."""
from alembic import context
from sqlalchemy import engine_from_config, event, pool

config = context.config

connectable = engine_from_config(
    config.get_section(config.config_ini_section),
    prefix="sqlalchemy.",
    poolclass=pool.NullPool,
)


@event.listens_for(connectable, "connect")
def _fast(dbapi_connection, _record):
    # A throwaway database: skip fsync, which otherwise dominates the oracle's time.
    dbapi_connection.execute("PRAGMA synchronous=OFF")
    dbapi_connection.execute("PRAGMA journal_mode=MEMORY")


with connectable.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=None,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()
'''

SCRIPT_PY = '''\
"""{message}

Revision ID: {revision}
"""
from alembic import op

revision = {revision!r}
down_revision = {down!r}
branch_labels = {labels!r}
depends_on = {depends!r}


def upgrade():
    op.execute("INSERT INTO mig_log (rev, dir) VALUES ('{revision}', 'up')")


def downgrade():
    op.execute("INSERT INTO mig_log (rev, dir) VALUES ('{revision}', 'down')")
'''


def _error(exc):
    return {
        "type": type(exc).__name__,
        "message": str(exc),
        "crash": not isinstance(exc, _ALEMBIC_ERRORS),
    }


def _tuple_or_scalar(items):
    items = list(items or [])
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    return tuple(items)


def write_project(root, revisions):
    versions = os.path.join(root, "versions")
    os.makedirs(versions)
    with open(os.path.join(root, "env.py"), "w") as f:
        f.write(ENV_PY)
    width = max(4, len(str(len(revisions))))
    for i, rev in enumerate(revisions):
        labels = rev.get("branchLabels") or []
        depends = rev.get("dependsOn") or []
        text = SCRIPT_PY.format(
            message=rev.get("message") or ("rev %s" % rev["revision"]),
            revision=rev["revision"],
            down=_tuple_or_scalar(rev.get("downRevisions")),
            labels=tuple(labels) if labels else None,
            depends=tuple(depends) if depends else None,
        )
        # Sorted file names == the given load order.
        name = "%0*d_%s.py" % (width, i + 1, rev["revision"])
        with open(os.path.join(versions, name), "w") as f:
            f.write(text)


def make_config(root, db_path):
    config = Config(stdout=io.StringIO())
    config.set_main_option("script_location", root)
    config.set_main_option("sqlalchemy.url", "sqlite:///" + db_path)
    return config


def ident_list(revs):
    out = []
    for r in revs:
        if r is None:
            out.append(None)
        elif isinstance(r, str):
            out.append(r)
        else:
            out.append(r.revision)
    return out


def db_state(db_path):
    conn = sqlite3.connect(db_path)
    try:
        tables = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" in tables:
            # The same query Alembic's get_current_heads() runs, so the same order.
            raw = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
        else:
            raw = []
        log = [list(r) for r in conn.execute("SELECT id, rev, dir FROM mig_log ORDER BY id")]
    finally:
        conn.close()
    return raw, log


def run_sequence(root, commands, index):
    db_path = os.path.join(root, "run%d.db" % index)
    conn = sqlite3.connect(db_path)
    conn.execute(
        "CREATE TABLE mig_log (id INTEGER PRIMARY KEY AUTOINCREMENT, rev TEXT, dir TEXT)"
    )
    conn.commit()
    conn.close()
    config = make_config(root, db_path)
    results = []
    seen = 0
    for cmd in commands:
        name = cmd["cmd"]
        target = cmd.get("target")
        result = {"cmd": name, "target": target}
        caught = []
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                _run_command(config, name, target, cmd)
        except Exception as exc:  # noqa: BLE001 - every failure is data here
            result["error"] = _error(exc)
        if caught:
            result["warnings"] = [str(w.message) for w in caught]
        raw, log = db_state(db_path)
        result["applied"] = [[rev, d] for (_id, rev, d) in log[seen:]]
        seen = len(log)
        result["rows"] = sorted(raw)
        result["rowsRaw"] = raw
        results.append(result)
    return results


def _run_command(config, name, target, cmd):
    if name == "upgrade":
        command.upgrade(config, target)
    elif name == "downgrade":
        command.downgrade(config, target)
    elif name == "stamp":
        command.stamp(config, target, purge=bool(cmd.get("purge")))
    else:
        raise ValueError("unknown command %r" % name)


def answer(graph):
    # tmpfs where there is one: thousands of tiny transactions.
    shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    root = tempfile.mkdtemp(prefix="mig-oracle-", dir=shm)
    try:
        return _answer(graph, root)
    finally:
        _script_cache.pop(root, None)
        shutil.rmtree(root, ignore_errors=True)


def _answer(graph, root):
    revisions = graph["revisions"]
    queries = graph.get("queries") or {}
    write_project(root, revisions)
    config = make_config(root, os.path.join(root, "unused.db"))
    out = {"alembic": alembic.__version__}
    try:
        script = ScriptDirectory.from_config(config)
        script.revision_map._revision_map  # build now so a broken graph fails here
        script.get_heads()
    except Exception as exc:  # noqa: BLE001
        out["graphError"] = _error(exc)
        return out

    def guard(fn):
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001
            return {"error": _error(exc)}

    if queries.get("heads", True):
        # What `alembic heads` prints, in order.
        out["heads"] = guard(lambda: ident_list(script.get_revisions(script.get_heads())))
        # What the symbol `heads` resolves to (`alembic heads --resolve-dependencies`).
        out["realHeads"] = guard(lambda: ident_list(script.get_revisions("heads")))
    if queries.get("printed", queries.get("heads", True)):
        # The lines `alembic heads`, `alembic history` and `alembic history -v` print, for
        # their markers: (head), (effective head), (branchpoint), (mergepoint).
        def printed(fn):
            config.stdout = io.StringIO()
            fn()
            return config.stdout.getvalue().splitlines()

        out["headsText"] = guard(lambda: printed(lambda: command.heads(config)))
        out["historyText"] = guard(lambda: printed(lambda: command.history(config)))
        out["historyVerboseText"] = guard(
            lambda: [
                line
                for line in printed(lambda: command.history(config, verbose=True))
                if line.startswith("Rev: ")
            ]
        )
    if queries.get("bases", True):
        out["bases"] = guard(lambda: list(script.get_bases()))
    if queries.get("history", True):
        # `alembic history`, top to bottom.
        out["history"] = guard(
            lambda: [sc.revision for sc in script.walk_revisions("base", "heads")]
        )
    if queries.get("historyRanges"):
        ranges = {}
        for rng in queries["historyRanges"]:
            # Exactly what command.history does with -r.
            def walk(rng=rng):
                base, head = rng.strip().split(":")
                return [
                    sc.revision
                    for sc in script.walk_revisions(base=base or "base", head=head or "heads")
                ]

            ranges[rng] = guard(walk)
        out["historyRanges"] = ranges
    if queries.get("branches", True):
        # `alembic branches`. nextrev is a frozenset in 1.8.1, so the children's printed
        # order is hash order; report them sorted.
        out["branches"] = guard(
            lambda: [
                {"revision": sc.revision, "children": sorted(sc.nextrev)}
                for sc in script.walk_revisions()
                if sc.is_branch_point
            ]
        )
    if queries.get("resolve"):
        out["resolve"] = {
            ident: guard(lambda ident=ident: ident_list(script.get_revisions(ident)))
            for ident in queries["resolve"]
        }
    if queries.get("runs"):
        out["runs"] = [run_sequence(root, cmds, i) for i, cmds in enumerate(queries["runs"])]
    return out


def main():
    data = json.load(sys.stdin)
    # Alembic and env.py may print; keep stdout for the JSON answer only.
    real_stdout = sys.stdout
    sys.stdout = sys.stderr
    try:
        if "graphs" in data:
            result = {"results": [answer(g) for g in data["graphs"]]}
        else:
            result = answer(data)
    finally:
        sys.stdout = real_stdout
    json.dump(result, real_stdout)
    real_stdout.write("\n")


if __name__ == "__main__":
    main()
