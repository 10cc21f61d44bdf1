import { type Dialect, downgrade, isMigError, type Row, upgrade } from "@mig/core";
import { afterEach, describe, expect, test } from "vitest";
import { IDENTIFIER_CASES } from "./identifier-cases.js";
import { existingTables, versionRows, withConnection } from "./inspect.js";
import type { CaseCheck, CaseContext, OperationCase } from "./operation-case.js";
import { DATA_CASES } from "./operation-cases-data.js";
import { KEY_CASES } from "./operation-cases-keys.js";
import { TABLE_CASES } from "./operation-cases-tables.js";
import { caseMigrations, chainScripts, replay } from "./operation-chain.js";
import type { ConformanceOptions } from "./options.js";
import { type ScriptSpec, TestProject } from "./project.js";
import { keptRows, readRows, snapshot } from "./schema-read.js";

/** Every operation kind, table-driven. */
export const OPERATION_CASES: readonly OperationCase[] = [
  ...TABLE_CASES,
  ...KEY_CASES,
  ...DATA_CASES,
];

/**
 * The operations part of the conformance suite: each operation and its reverse through the
 * real runner, offline SQL against online, and awkward identifiers. Test names all contain
 * "operations", so `-t operations` selects them.
 */
export function describeOperations(options: ConformanceOptions): void {
  const dialect = options.dialect();
  const projects: TestProject[] = [];
  const make = async (scripts: readonly ScriptSpec[]) => {
    const p = await TestProject.create(options, scripts);
    projects.push(p);
    return p;
  };
  const applies = (c: OperationCase) => c.applies?.(dialect.capabilities) ?? true;

  async function roundTrip(c: OperationCase): Promise<void> {
    const cx: CaseContext = { dialect, n: (name) => name };
    const scripts = chainScripts(dialect, caseMigrations(c, cx));
    const project = await make(scripts);
    await upgrade({ ...project.options, target: scripts[0]!.revision });
    const before = await snapshot(dialect, project);
    const rowsBefore = await readRows(dialect, project, before);
    await upgrade(project.options);
    const after = await snapshot(dialect, project);
    const rowsAfter = await readRows(dialect, project, after);
    if (!c.changesRows) {
      const [expected, actual] = keptRows(before, rowsBefore, after, rowsAfter);
      expect(actual, "the upgrade keeps the rows").toEqual(expected);
    }
    await c.check(checkContext(dialect, project, cx, { before, after, rowsBefore, rowsAfter }));
    await downgrade({ ...project.options, target: "-1" });
    const restored = await snapshot(dialect, project);
    expect(restored, "the downgrade restores the schema").toEqual(before);
    expect(await readRows(dialect, project, restored), "rows after downgrade").toEqual(rowsBefore);
  }

  /** Where the capability is missing, the operation is a clear error that changes nothing. */
  async function refused(c: OperationCase): Promise<void> {
    const cx: CaseContext = { dialect, n: (name) => name };
    const scripts = chainScripts(dialect, caseMigrations(c, cx));
    const project = await make(scripts);
    await upgrade({ ...project.options, target: scripts[0]!.revision });
    const before = await snapshot(dialect, project);
    const error: unknown = await upgrade(project.options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMigError(error), "a MigError, not a database error or success").toBe(true);
    const cause = (error as { cause?: unknown }).cause;
    expect(isMigError(cause) ? cause.hint : undefined, "the error says what to do").toBeTruthy();
    expect(await snapshot(dialect, project)).toEqual(before);
    expect(await versionRows(dialect, project)).toEqual([scripts[0]!.revision]);
  }

  async function offlineEqualsOnline(cases: readonly OperationCase[]): Promise<void> {
    const migrations = cases
      .filter(applies)
      .flatMap((c, i) => caseMigrations(c, { dialect, n: (name) => `o${i}_${name}` }));
    const online = await make(chainScripts(dialect, migrations));
    const offline = await make(chainScripts(dialect, migrations));
    await upgrade(online.options);
    const up = await upgrade({ ...offline.options, sql: true });
    await replay(dialect, offline, up.sql!);
    const schema = await snapshot(dialect, online);
    expect(await snapshot(dialect, offline)).toEqual(schema);
    expect(await versionRows(dialect, offline)).toEqual(await versionRows(dialect, online));
    const rows = await readRows(dialect, online, schema);
    expect(await readRows(dialect, offline, schema)).toEqual(rows);
    // The downgrade renders too, and undoes every migration.
    const down = await downgrade({ ...offline.options, sql: true, target: "head:base" });
    await replay(dialect, offline, down.sql!);
    expect(await snapshot(dialect, offline)).toMatchObject({ tables: [], enums: [] });
    expect(await existingTables(dialect, offline, ["mig_version"])).toEqual(["mig_version"]);
    expect(await versionRows(dialect, offline)).toEqual([]);
  }

  describe("operations", () => {
    afterEach(async () => {
      await Promise.all(projects.splice(0).map((p) => p.dispose()));
    });

    for (const c of [...OPERATION_CASES, ...IDENTIFIER_CASES]) {
      if (applies(c)) test(`round trip: ${c.name}`, () => roundTrip(c));
      else test(`refused where unsupported: ${c.name}`, () => refused(c));
    }

    test(
      "offline SQL equals online: every operation in one chain, then downgrade to base",
      () => offlineEqualsOnline(OPERATION_CASES),
      120_000,
    );

    test("offline SQL equals online: awkward identifiers", () =>
      offlineEqualsOnline(IDENTIFIER_CASES));
  });
}

function checkContext(
  dialect: Dialect,
  project: TestProject,
  cx: CaseContext,
  seen: Pick<CaseCheck, "before" | "after" | "rowsBefore" | "rowsAfter">,
): CaseCheck {
  return {
    ...cx,
    ...seen,
    query: (sql, params) => withConnection(dialect, project, (c) => c.query<Row>(sql, params)),
    id: (name) => dialect.quoteIdentifier(name),
    table: (name) => dialect.qualify({ name: cx.n(name) }),
    param: (i) => (dialect.placeholder === "$n" ? `$${i}` : "?"),
  };
}
