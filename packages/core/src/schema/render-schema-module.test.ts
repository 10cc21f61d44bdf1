import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { biomeFormatted, typeCheck } from "../../test/render-check.js";
import { type ColumnType, t } from "../operations/column-type.js";
import type { TableDefinition } from "../operations/table-definition.js";
import { schemaFromModule } from "./declare-schema.js";
import { camelCase, exportNames } from "./export-names.js";
import { renderSchemaModule } from "./render-schema-module.js";
import type { ColumnSnapshot, SchemaSnapshot, TableSnapshot } from "./schema-snapshot.js";
import { snapshotToDefinition } from "./snapshot-to-definition.js";

const column = (
  name: string,
  type: string,
  more: Partial<ColumnSnapshot> = {},
): ColumnSnapshot => ({
  name,
  type,
  nullable: true,
  default: null,
  autoincrement: false,
  identity: null,
  generated: null,
  collation: null,
  comment: null,
  ...more,
});

const tableOf = (name: string, more: Partial<TableSnapshot> = {}): TableSnapshot => ({
  name,
  comment: null,
  extension: null,
  collation: null,
  columns: [column("id", "integer", { nullable: false })],
  primaryKey: null,
  foreignKeys: [],
  uniques: [],
  checks: [],
  indexes: [],
  ...more,
});

const SNAPSHOT: SchemaSnapshot = {
  defaultSchema: "public",
  enums: [
    { name: "mood", values: ["happy", 'it\'s "ok"'] },
    { name: "unused", values: ["x"] },
  ],
  unsupported: [
    { kind: "view", name: "active_users", schema: "public" },
    { kind: "trigger", name: "audit\nlog", table: "users" },
  ],
  tables: [
    tableOf("users", {
      comment: "People\nwho sign in",
      columns: [
        column("id", "bigint", { nullable: false, autoincrement: true, identity: "by default" }),
        column("email", "character varying(255)", { nullable: false, collation: "C" }),
        column("mood", "mood", { default: "'happy'::mood" }),
        column("created_at", "timestamp with time zone", { nullable: false, default: "now()" }),
        column("total", "numeric(10,2)", {
          generated: { expression: "(id * 2)", stored: true },
          comment: "twice",
        }),
        column("tags", "text[]", { default: "'{}'::text[]" }),
      ],
      primaryKey: { name: "users_pkey", columns: ["id"] },
      uniques: [{ name: "users_email_key", columns: ["email"] }],
      checks: [{ name: "users_total_check", expression: "(total >= (0)::numeric)" }],
      indexes: [
        {
          name: "users_lower_email_idx",
          columns: ["lower((email)::text)", "created_at"],
          keys: [
            {
              column: null,
              expression: "lower((email)::text)",
              descending: false,
              length: null,
              opclass: "text_pattern_ops",
              collation: null,
            },
            {
              column: "created_at",
              expression: null,
              descending: true,
              length: null,
              opclass: null,
              collation: null,
            },
          ],
          unique: true,
          where: "(mood <> 'happy'::mood)",
          method: null,
          include: ["total"],
        },
        {
          name: "users_tags_idx",
          columns: ["tags"],
          keys: [],
          unique: false,
          where: null,
          method: "gin",
          include: [],
        },
      ],
    }),
    tableOf("order-items", {
      columns: [
        column("order_id", "integer", { nullable: false }),
        column("line", "integer", { nullable: false }),
        column("user_id", "bigint"),
        column("1", "text"),
      ],
      primaryKey: { name: null, columns: ["order_id", "line"] },
      foreignKeys: [
        {
          name: "order_items_user_fk",
          columns: ["user_id"],
          referencedTable: "users",
          referencedColumns: ["id"],
          onDelete: "cascade",
          onUpdate: "no action",
        },
        {
          name: null,
          columns: ["order_id"],
          referencedTable: "orders",
          referencedSchema: "sales",
          referencedColumns: ["id"],
          onDelete: "no action",
          onUpdate: "set null",
        },
      ],
    }),
    tableOf("class"),
    tableOf("2fa"),
    tableOf("table"),
    tableOf("orderItems"),
    tableOf("users", { schema: "sales" }),
    tableOf("orders", { schema: "sales" }),
  ],
};

/** Types the dialect can say in the vocabulary. */
const readType = (type: string): ColumnType | undefined =>
  (
    ({
      integer: "integer",
      bigint: "bigint",
      "character varying(255)": t.varchar(255),
      "timestamp with time zone": "timestamptz",
      "numeric(10,2)": t.numeric(10, 2),
    }) as Record<string, ColumnType>
  )[type];

/** The definitions the module should declare: the snapshot's, with the types read. */
function expected(snapshot: SchemaSnapshot): TableDefinition[] {
  return snapshot.tables.map((table) => {
    const def = snapshotToDefinition(table);
    const columns = def.columns.map((c, i) => {
      const type = table.columns[i]!.type;
      const e = snapshot.enums.find((x) => x.name === type);
      return { ...c, type: e ? t.enum(e.name, e.values) : (readType(type) ?? t.raw(type)) };
    });
    // An index is not unique: `false` and absent say the same.
    const indexes = def.indexes.map((i) => ({ ...i, unique: i.unique || undefined }));
    return { ...def, columns, indexes };
  });
}

async function importModule(text: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(import.meta.dirname, ".render-schema-"));
  try {
    const file = join(dir, "schema.ts");
    writeFileSync(file, text);
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("renderSchemaModule", () => {
  const text = renderSchemaModule(SNAPSHOT, { readType });

  test("the module declares exactly the snapshot's tables: columns, types, defaults, keys, names", async () => {
    const module = await importModule(text);
    const declared = schemaFromModule(module).tables.map((d) => d.definition);
    expect(declared).toEqual(expected(SNAPSHOT));
  });

  test("it is as biome formats it, and type-checks", () => {
    expect(biomeFormatted(text)).toBe(text);
    expect(typeCheck({ "schema.ts": text })).toBe("");
  }, 120_000);

  test("a header names what mig does not manage; defaults are sql(...); unread types t.raw", () => {
    expect(text).toMatch(/^\/\/ The database's schema, written by `mig pull`/);
    expect(text).toContain("//   view public.active_users\n");
    expect(text).toContain("//   trigger audit\\u000alog on users\n");
    expect(text).toContain("//   enum type unused (no column uses it)\n");
    expect(text).toContain('import { sql, t, table } from "@mig/core";');
    expect(text).toContain('default: sql("now()")');
    expect(text).toContain('tags: { type: t.raw("text[]"), default: sql("\'{}\'::text[]") },');
    expect(text).toContain(
      `mood: { type: t.enum("mood", ["happy", 'it\\'s "ok"']), default: sql("'happy'::mood") },`,
    );
    expect(text).toContain('primaryKey: { name: "users_pkey", columns: ["id"] },');
    expect(text).toContain("export const salesUsers = table(");
  });

  test("the same snapshot gives the same text; importFrom changes the import", () => {
    expect(renderSchemaModule(SNAPSHOT, { readType })).toBe(text);
    const other = renderSchemaModule(SNAPSHOT, { importFrom: "../core" });
    expect(other).toContain('import { sql, t, table } from "../core";');
    expect(other).toContain('type: t.raw("character varying(255)")');
  });

  test("an empty database gives the header alone", () => {
    const empty = renderSchemaModule({ tables: [], enums: [], unsupported: [] });
    expect(empty).not.toContain("import");
    expect(empty.endsWith("\n")).toBe(true);
  });
});

describe("export names", () => {
  test.each([
    ["order_items", "orderItems"],
    ["order-items", "orderItems"],
    ["Users", "users"],
    ["HTTP_LOG", "httpLog"],
    ["2fa", "_2fa"],
    ["class", "classTable"],
    ["table", "tableTable"],
    ["t", "tTable"],
    ["---", "unnamed"],
    ["café crème", "caféCrème"],
  ])("%s -> %s", (name, js) => {
    expect(camelCase(name)).toBe(js);
  });

  test("duplicates: another schema's table takes its schema, then a number", () => {
    expect(
      exportNames([
        { name: "users", schema: "sales" },
        { name: "users" },
        { name: "order_items" },
        { name: "orderItems" },
        { name: "users", schema: "hr" },
      ]),
    ).toEqual(["salesUsers", "users", "orderItems", "orderItems2", "hrUsers"]);
  });
});
