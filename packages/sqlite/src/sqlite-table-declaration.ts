import {
  closingParen,
  isWord,
  nameOf,
  parenGroup,
  splitTopLevel,
  type Token,
  textOf,
  tokenize,
  unwrapParens,
} from "./sqlite-table-sql.js";

/** What a CREATE TABLE statement says that SQLite's PRAGMAs do not report. */
export interface TableDeclaration {
  readonly primaryKeyName: string | null;
  /** Columns declared `PRIMARY KEY AUTOINCREMENT`. */
  readonly autoincrement: readonly string[];
  readonly uniques: readonly NamedColumns[];
  readonly foreignKeys: readonly ForeignKeyDeclaration[];
  readonly checks: readonly { readonly name: string | null; readonly expression: string }[];
  /** Each column's type as written (`VARCHAR(200)`, `"my type"`); PRAGMA table_info recases some. */
  readonly types: ReadonlyMap<string, string>;
  /** Generated columns: `[GENERATED ALWAYS] AS (expr) [VIRTUAL | STORED]`, expression as written. */
  readonly generated: ReadonlyMap<
    string,
    { readonly expression: string; readonly stored: boolean }
  >;
  /** `COLLATE name` on a column, the name unquoted. */
  readonly collations: ReadonlyMap<string, string>;
}

export interface NamedColumns {
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface ForeignKeyDeclaration extends NamedColumns {
  /** `DEFERRABLE [INITIALLY IMMEDIATE]` or `DEFERRABLE INITIALLY DEFERRED`; else null. */
  readonly deferrable: "immediate" | "deferred" | null;
}

/** What a CREATE INDEX statement says: each key's text, and the partial-index predicate. */
export interface IndexDeclaration {
  readonly keys: readonly string[];
  readonly where: string | null;
}

const CONSTRAINT_STARTS = ["PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];
const COLUMN_CONSTRAINTS = [
  "CONSTRAINT",
  "PRIMARY",
  "NOT",
  "NULL",
  "UNIQUE",
  "CHECK",
  "DEFAULT",
  "COLLATE",
  "REFERENCES",
  "GENERATED",
  "AS",
];

export function parseCreateTable(sql: string): TableDeclaration {
  const tokens = tokenize(sql);
  const body = parenGroup(tokens);
  const out: Mutable = {
    primaryKeyName: null,
    autoincrement: [],
    uniques: [],
    foreignKeys: [],
    checks: [],
    types: new Map(),
    generated: new Map(),
    collations: new Map(),
  };
  for (const item of body ? splitTopLevel(body.inner) : []) {
    let at = 0;
    let name: string | null = null;
    if (isWord(item[0], "CONSTRAINT") && item[1]) {
      name = nameOf(item[1]);
      at = 2;
    }
    if (isWord(item[at], ...CONSTRAINT_STARTS)) tableConstraint(sql, item, at, name, out);
    else columnConstraints(sql, item, out);
  }
  return out;
}

interface Mutable {
  primaryKeyName: string | null;
  autoincrement: string[];
  uniques: NamedColumns[];
  foreignKeys: ForeignKeyDeclaration[];
  checks: { name: string | null; expression: string }[];
  types: Map<string, string>;
  generated: Map<string, { expression: string; stored: boolean }>;
  collations: Map<string, string>;
}

function tableConstraint(
  sql: string,
  item: readonly Token[],
  at: number,
  name: string | null,
  out: Mutable,
): void {
  const group = parenGroup(item, at);
  if (!group) return;
  const kind = item[at]!.text.toUpperCase();
  if (kind === "CHECK") {
    out.checks.push({ name, expression: checkText(sql, item, group.open) });
    return;
  }
  const columns = splitTopLevel(group.inner).map((key) => nameOf(key[0]!));
  if (kind === "PRIMARY") out.primaryKeyName = name;
  else if (kind === "UNIQUE") out.uniques.push({ name, columns });
  else {
    const references = item.findIndex((t, k) => k > group.close && isWord(t, "REFERENCES"));
    out.foreignKeys.push({ name, columns, deferrable: deferrableOf(item.slice(references + 1)) });
  }
}

/** Walks a column definition's constraints; a `CONSTRAINT name` names the next one. */
function columnConstraints(sql: string, item: readonly Token[], out: Mutable): void {
  const column = nameOf(item[0]!);
  let name: string | null = null;
  let i = 1;
  // The type runs until the first constraint keyword; its `(10, 2)` is skipped below.
  while (i < item.length && !isWord(item[i], ...COLUMN_CONSTRAINTS)) i = next(item, i);
  out.types.set(column, textOf(sql, item.slice(1, i)));
  while (i < item.length) {
    const token = item[i]!;
    if (isWord(token, "CONSTRAINT")) {
      name = item[i + 1] ? nameOf(item[i + 1]!) : null;
      i += 2;
      continue;
    }
    if (isWord(token, "PRIMARY")) {
      out.primaryKeyName = name;
      name = null;
    } else if (isWord(token, "AUTOINCREMENT")) {
      out.autoincrement.push(column);
    } else if (isWord(token, "UNIQUE")) {
      out.uniques.push({ name, columns: [column] });
      name = null;
    } else if (isWord(token, "CHECK")) {
      out.checks.push({ name, expression: checkText(sql, item, i + 1) });
      name = null;
    } else if (isWord(token, "REFERENCES")) {
      out.foreignKeys.push({
        name,
        columns: [column],
        deferrable: deferrableOf(item.slice(i + 1)),
      });
      name = null;
    } else if (isWord(token, "COLLATE") && item[i + 1]) {
      out.collations.set(column, nameOf(item[i + 1]!));
      name = null;
      i += 1;
    } else if (isWord(token, "AS") && item[i + 1]?.text === "(") {
      out.generated.set(column, { expression: checkText(sql, item, i + 1), stored: false });
      name = null;
    } else if (isWord(token, "STORED") && out.generated.has(column)) {
      out.generated.set(column, { ...out.generated.get(column)!, stored: true });
    } else if (isWord(token, "NOT", "NULL", "DEFAULT", "GENERATED")) {
      name = null;
    }
    i = next(item, i);
  }
}

/** Words that end a foreign key clause: the next column constraint begins. */
const CLAUSE_ENDS = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "COLLATE", "REFERENCES", "AS"];

/**
 * `[NOT] DEFERRABLE [INITIALLY DEFERRED | IMMEDIATE]` in the tokens after REFERENCES, up to
 * the next constraint (`SET DEFAULT` and `SET NULL` are the clause's own actions).
 */
function deferrableOf(rest: readonly Token[]): "immediate" | "deferred" | null {
  for (let i = 0; i < rest.length; i = next(rest, i)) {
    const token = rest[i];
    if (isWord(token, "DEFERRABLE")) {
      if (isWord(rest[i - 1], "NOT")) return null;
      const deferred = isWord(rest[i + 1], "INITIALLY") && isWord(rest[i + 2], "DEFERRED");
      return deferred ? "deferred" : "immediate";
    }
    const ends =
      isWord(token, ...CLAUSE_ENDS, "GENERATED") ||
      (isWord(token, "DEFAULT") && !isWord(rest[i - 1], "SET")) ||
      (isWord(token, "NOT") && !isWord(rest[i + 1], "DEFERRABLE"));
    if (ends) return null;
  }
  return null;
}

/** The next token index, jumping over a whole `(...)` group. */
function next(item: readonly Token[], i: number): number {
  const token = item[i]!;
  return token.kind === "punct" && token.text === "(" ? closingParen(item, i) + 1 : i + 1;
}

/** The expression inside `CHECK (...)`, as written. */
function checkText(sql: string, item: readonly Token[], open: number): string {
  const close = closingParen(item, open);
  const inner = item.slice(open + 1, close);
  return inner.length === 0 ? "" : sql.slice(inner[0]!.start, inner[inner.length - 1]!.end);
}

/** `CREATE [UNIQUE] INDEX name ON table (keys) [WHERE expr]`. */
export function parseCreateIndex(sql: string): IndexDeclaration {
  const tokens = tokenize(sql);
  const on = tokens.findIndex((t) => isWord(t, "ON"));
  const group = parenGroup(tokens, Math.max(on, 0));
  if (!group) return { keys: [], where: null };
  const keys = splitTopLevel(group.inner).map((key) =>
    unwrapParens(textOf(sql, keyExpression(key))),
  );
  const where = tokens[group.close + 1];
  const rest = tokens.slice(group.close + 2);
  return {
    keys,
    where: isWord(where, "WHERE") && rest.length > 0 ? textOf(sql, rest) : null,
  };
}

/**
 * A key without its ASC/DESC and its COLLATE (PRAGMA index_xinfo reports both). COLLATE
 * binds tighter than any operator, so it belongs to the key only after a single term:
 * `lower(a) COLLATE NOCASE` is a key collation, `a || b COLLATE NOCASE` an expression.
 */
function keyExpression(key: readonly Token[]): readonly Token[] {
  let end = key.length;
  if (end > 1 && isWord(key[end - 1], "ASC", "DESC")) end -= 1;
  if (end > 2 && isWord(key[end - 2], "COLLATE") && isSingleTerm(key.slice(0, end - 2))) end -= 2;
  return key.slice(0, end);
}

function isSingleTerm(tokens: readonly Token[]): boolean {
  if (tokens.length === 1) return true;
  const first = tokens[0];
  const open = first?.kind === "punct" && first.text === "(" ? 0 : 1;
  if (open === 1 && first?.kind !== "word" && first?.kind !== "identifier") return false;
  return tokens[open]?.text === "(" && closingParen(tokens, open) === tokens.length - 1;
}
