import { randomBytes } from "node:crypto";
import { normalizeType, type Operation, type TableDefinition, t } from "@mig/core";
import {
  type Connection,
  type DdlCompiler,
  MigError,
  type QualifiedName,
  type SchemaSnapshot,
  type SqlWriter,
  type TableSnapshot,
} from "@mig/core/dialect";
import { introspect } from "./postgres-introspector.js";
import { scratchDefinitions } from "./postgres-scratch-definition.js";

/** Declared schema name to its scratch schema, and back for the result. */
interface Scratch {
  readonly current: string;
  readonly toScratch: ReadonlyMap<string, string>;
  readonly toReal: ReadonlyMap<string, string>;
  /** Scratch name to the real name as SQL text prints it (quoted when it must be). */
  readonly quoted: ReadonlyMap<string, string>;
}

/**
 * The declared tables as `introspect` would read them once applied for real: created in
 * scratch schemas (one per declared schema) inside a transaction, or a savepoint when the
 * connection is already in one, that is always rolled back, so nothing is left behind.
 * The search path puts the scratch schemas first and the real ones after, so extension
 * types (citext) still resolve. The result is spelled as `compareDatabase` reads the live
 * side: the default schema's tables without a schema, then each other schema's, by name.
 */
export async function snapshotDeclared(
  writer: SqlWriter,
  ddl: DdlCompiler,
  connection: Connection,
  tables: readonly TableDefinition[],
): Promise<SchemaSnapshot> {
  const [where] = await connection.query<{ current: string | null; path: string[] }>(
    "SELECT current_schema() AS current, current_schemas(false)::text[] AS path",
  );
  const current = where?.current;
  if (current == null) {
    throw new MigError("no_schema", "The connection has no current schema to compare.", {
      hint: "Set search_path to an existing schema (search_path in the URL's options).",
    });
  }
  const scratch = await scratchNames(connection, current, tables);
  const id = (name: string) => writer.quoteIdentifier(name);
  const inTransaction = await openScratch(connection);
  try {
    await connection.execute(
      [...scratch.toScratch.values()].map((s) => `CREATE SCHEMA ${id(s)}`).join(";\n"),
    );
    const path = where?.path ?? [];
    const first = [current, ...path.filter((p) => p !== current)]
      .filter((p) => scratch.toScratch.has(p))
      .map((p) => scratch.toScratch.get(p) ?? p);
    await connection.execute(`SET LOCAL search_path TO ${[...first, ...path].map(id).join(", ")}`);
    await applyAll(connection, scratchSteps(writer, ddl, tables, scratch), scratch);
    const snapshots = [renamed(await introspect(connection), current, scratch)];
    for (const [real, name] of scratch.toScratch) {
      if (real === current) continue;
      snapshots.push(renamed(await introspect(connection, { schema: name }), real, scratch));
    }
    return {
      defaultSchema: current,
      tables: snapshots.flatMap((s) => s.tables),
      enums: snapshots.flatMap((s) => s.enums),
      unsupported: snapshots.flatMap((s) => s.unsupported),
    };
  } finally {
    await connection.execute(
      inTransaction
        ? "ROLLBACK TO SAVEPOINT mig_scratch; RELEASE SAVEPOINT mig_scratch"
        : "ROLLBACK",
    );
  }
}

interface Step {
  readonly table: TableDefinition;
  readonly sql: string;
}

/**
 * Each enum type once, then every table, then every foreign key, so the declaration's
 * order never matters (and cycles of keys work).
 */
function scratchSteps(
  writer: SqlWriter,
  ddl: DdlCompiler,
  tables: readonly TableDefinition[],
  scratch: Scratch,
): Step[] {
  const types: Step[] = [];
  const created = new Set<string>();
  const moved = scratchDefinitions(tables, scratch).map((def, i) => ({
    ...def,
    columns: def.columns.map((c) => {
      const type = normalizeType(c.type);
      if (type.kind !== "enum") return c;
      const name = writer.qualify({ schema: def.table.schema, name: type.name });
      if (!created.has(name)) {
        created.add(name);
        const labels = type.values.map((v) => writer.literal(v)).join(", ");
        types.push({ table: tables[i]!, sql: `CREATE TYPE ${name} AS ENUM (${labels})` });
      }
      return { ...c, type: t.raw(name) };
    }),
  }));
  const steps = (ops: (def: TableDefinition) => Operation[]) =>
    moved.map((def, i) => {
      const table = tables[i]!;
      try {
        return { table, sql: sqlOf(ddl, ops(def)).join(";\n") };
      } catch (error) {
        throw refused(table.table, error, scratch);
      }
    });
  return [
    ...types,
    ...steps((def) => [{ kind: "createTable", definition: { ...def, foreignKeys: [] } }]),
    ...steps((def) =>
      def.foreignKeys.map((constraint) => ({
        kind: "createForeignKey",
        table: def.table,
        constraint,
      })),
    ),
  ].filter((step) => step.sql !== "");
}

/**
 * All steps in one round trip; when the server refuses one, they run again one by one
 * (after a rollback to before the first) to name the table at fault.
 */
async function applyAll(connection: Connection, steps: Step[], scratch: Scratch): Promise<void> {
  if (steps.length === 0) return;
  await connection.execute("SAVEPOINT mig_scratch_all");
  try {
    await connection.execute(steps.map((s) => s.sql).join(";\n"));
    return;
  } catch {
    await connection.execute("ROLLBACK TO SAVEPOINT mig_scratch_all");
  }
  for (const step of steps) {
    await connection.execute(step.sql).catch((error: unknown) => {
      throw refused(step.table.table, error, scratch);
    });
  }
}

/** Opens the scratch transaction; true when it is a savepoint in the caller's transaction. */
async function openScratch(connection: Connection): Promise<boolean> {
  try {
    await connection.execute("SAVEPOINT mig_scratch");
    return true;
  } catch (error) {
    // 25P01: no transaction block, the usual case for check and revision.
    if ((error as { code?: string }).code !== "25P01") throw error;
    await connection.begin();
    return false;
  }
}

/** One scratch schema per declared schema, the current one first, the others by name. */
async function scratchNames(
  connection: Connection,
  current: string,
  tables: readonly TableDefinition[],
): Promise<Scratch> {
  const others = new Set<string>();
  for (const t of tables) {
    if (t.table.schema !== undefined && t.table.schema !== current) others.add(t.table.schema);
  }
  const reals = [current, ...[...others].sort()];
  const tag = randomBytes(4).toString("hex");
  const toScratch = new Map(reals.map((r, i) => [r, `mig_scratch_${tag}_${i}`]));
  const rows = await connection.query<{ name: string; quoted: string }>(
    "SELECT n AS name, quote_ident(n) AS quoted FROM unnest($1::text[]) AS n",
    [reals],
  );
  const quotedReal = new Map(rows.map((r) => [r.name, r.quoted]));
  return {
    current,
    toScratch,
    toReal: new Map([...toScratch].map(([r, s]) => [s, r])),
    quoted: new Map([...toScratch].map(([r, s]) => [s, quotedReal.get(r) ?? r])),
  };
}

function sqlOf(ddl: DdlCompiler, ops: readonly Operation[]): string[] {
  return ops.flatMap((op) =>
    ddl.compile(op).map((s) => {
      if (s.params && s.params.length > 0) throw new Error("scratch DDL has no parameters");
      return s.sql;
    }),
  );
}

function refused(table: QualifiedName, error: unknown, scratch: Scratch): MigError {
  const name = table.schema === undefined ? table.name : `${table.schema}.${table.name}`;
  const message = error instanceof Error ? error.message : String(error);
  return new MigError(
    "schema_invalid",
    `The schema module's table "${name}" does not apply on PostgreSQL: ${realText(message, scratch)}`,
    { hint: "Fix that table's declaration; nothing was changed in the database.", usage: true },
  );
}

/** A snapshot of scratch schema `real`'s stand-in, with every scratch name made real again. */
function renamed(snapshot: SchemaSnapshot, real: string, scratch: Scratch): SchemaSnapshot {
  const text = (s: string) => realText(s, scratch);
  const maybe = (s: string | null) => (s === null ? null : text(s));
  const schema = (s: string | undefined) => (s === undefined ? s : (scratch.toReal.get(s) ?? s));
  const table = (t: TableSnapshot): TableSnapshot => ({
    ...t,
    ...(t.schema === undefined ? {} : { schema: schema(t.schema) }),
    columns: t.columns.map((c) => ({
      ...c,
      type: text(c.type),
      default: maybe(c.default),
      generated: c.generated && { ...c.generated, expression: text(c.generated.expression) },
    })),
    // Keys in introspect's order: the result is compared as JSON too.
    foreignKeys: t.foreignKeys.map((fk) => {
      const to = schema(fk.referencedSchema);
      return {
        name: fk.name,
        columns: fk.columns,
        referencedTable: fk.referencedTable,
        ...(to === undefined || to === real ? {} : { referencedSchema: to }),
        referencedColumns: fk.referencedColumns,
        onDelete: fk.onDelete,
        onUpdate: fk.onUpdate,
        ...(fk.deferrable === undefined ? {} : { deferrable: fk.deferrable }),
      };
    }),
    checks: t.checks.map((c) => ({ ...c, expression: text(c.expression) })),
    indexes: t.indexes.map((i) => ({
      ...i,
      columns: i.columns.map(text),
      keys: i.keys.map((k) => ({ ...k, expression: maybe(k.expression) })),
      where: maybe(i.where),
    })),
  });
  return {
    tables: snapshot.tables.map(table),
    enums: snapshot.enums.map((e) =>
      e.schema === undefined ? e : { ...e, schema: schema(e.schema) },
    ),
    unsupported: snapshot.unsupported.map((u) =>
      u.schema === undefined ? u : { ...u, schema: schema(u.schema) },
    ),
  };
}

/** SQL text or a message with each scratch schema's name replaced by the real one. */
function realText(s: string, scratch: Scratch): string {
  if (!s.includes("mig_scratch_")) return s;
  return s.replace(/\bmig_scratch_[0-9a-f]{8}_\d+\b/g, (m) => scratch.quoted.get(m) ?? m);
}
