import type { RevisionHeader } from "../revision/revision-header.js";
import { formatCreateDate } from "./date-parts.js";
import type { ScriptFormat } from "./script-info.js";

/**
 * What `mig init` copies to `script.ts.tmpl` and `mig revision` renders. Placeholders are
 * `${name}`; in a TS template `${revision}`, `${downRevision}`, `${branchLabels}` and
 * `${dependsOn}` render as TypeScript literals, `${message}` as doc-comment-safe text.
 * `${upgrades}` and `${downgrades}` are the functions' bodies: the operations autogenerate
 * wrote, else a comment saying what to write there; `${imports}` imports what they use.
 */
export const DEFAULT_TS_TEMPLATE = `/** \${message} */
\${imports}

export const revision = \${revision};
export const downRevision: string | readonly string[] | null = \${downRevision};
export const branchLabels: readonly string[] = \${branchLabels};
export const dependsOn: readonly string[] = \${dependsOn};

export async function upgrade(op: Operations): Promise<void> {
  \${upgrades}
}

export async function downgrade(op: Operations): Promise<void> {
  \${downgrades}
}
`;

/** What `${imports}`, `${upgrades}` and `${downgrades}` hold in a script written by hand. */
export const EMPTY_BODIES = {
  imports: 'import type { Operations } from "@mig/core";',
  upgrades: '// write the upgrade here, e.g. op.createTable("account", { ... });',
  downgrades: '// write the downgrade here, e.g. op.dropTable("account");',
} as const;

/** The SQL form (`script.sql.tmpl`); placeholders render as plain comma-separated text. */
export const DEFAULT_SQL_TEMPLATE = `-- revision: \${revision}
-- down_revision: \${downRevision}
-- branch_labels: \${branchLabels}
-- depends_on: \${dependsOn}
-- message: \${message}

-- migrate:up


-- migrate:down

`;

/** Every `${name}` a template may use; any other is left as written. */
export const TEMPLATE_PLACEHOLDERS = [
  "message",
  "revision",
  "downRevision",
  "branchLabels",
  "dependsOn",
  "createDate",
  "imports",
  "upgrades",
  "downgrades",
] as const;

export const TEMPLATE_FILE_NAMES: Readonly<Record<ScriptFormat, string>> = {
  ts: "script.ts.tmpl",
  sql: "script.sql.tmpl",
};

export interface ScriptTemplateValues {
  readonly header: RevisionHeader;
  readonly createDate: Date;
  /** IANA zone for `${createDate}`; default UTC. */
  readonly timezone?: string;
  /** The bodies' lines (TS templates); default {@link EMPTY_BODIES}'s comments. */
  readonly imports?: string | undefined;
  readonly upgrades?: readonly string[] | undefined;
  readonly downgrades?: readonly string[] | undefined;
}

/**
 * Fills a script template. Unknown `${...}` are left as they are, so a template may hold
 * JavaScript template literals of its own. Values are substituted once, never re-expanded.
 */
export function renderScript(
  template: string,
  format: ScriptFormat,
  values: ScriptTemplateValues,
): string {
  const { header } = values;
  // A message is one line: a blank line would end the doc comment's first paragraph.
  const message = header.message.replace(/\s*[\r\n]+\s*/g, " ").trim();
  const literal = (s: string) => JSON.stringify(s);
  const array = (list: readonly string[]) => `[${list.map(literal).join(", ")}]`;
  const fields: Readonly<Record<string, string>> =
    format === "ts"
      ? {
          message: message.replaceAll("*/", "*\\/"),
          revision: literal(header.revision),
          downRevision:
            header.downRevisions.length === 0
              ? "null"
              : header.downRevisions.length === 1
                ? literal(header.downRevisions[0]!)
                : array(header.downRevisions),
          branchLabels: array(header.branchLabels),
          dependsOn: array(header.dependsOn),
          imports: values.imports ?? EMPTY_BODIES.imports,
          upgrades: (values.upgrades ?? [EMPTY_BODIES.upgrades]).join("\n"),
          downgrades: (values.downgrades ?? [EMPTY_BODIES.downgrades]).join("\n"),
        }
      : {
          message,
          revision: header.revision,
          downRevision:
            header.downRevisions.length === 0 ? "none" : header.downRevisions.join(", "),
          branchLabels: header.branchLabels.join(", "),
          dependsOn: header.dependsOn.join(", "),
        };
  const createDate = formatCreateDate(values.createDate, values.timezone);
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string, offset: number) => {
    const value =
      name === "createDate" ? createDate : Object.hasOwn(fields, name) ? fields[name]! : undefined;
    if (value === undefined) return whole;
    // A body of several lines keeps the placeholder's indentation on each line.
    const lineStart = template.lastIndexOf("\n", offset - 1) + 1;
    const indent = /^[ \t]*/.exec(template.slice(lineStart, offset))![0];
    return value
      .split("\n")
      .map((line, i) => (i === 0 || line === "" ? line : indent + line))
      .join("\n");
  });
}

/** The placeholders autogenerate fills in. */
export const BODY_PLACEHOLDERS = ["imports", "upgrades", "downgrades"] as const;

/** Those a TS template lacks, for autogenerate's error. */
export function missingBodyPlaceholders(template: string): string[] {
  return BODY_PLACEHOLDERS.filter((name) => !template.includes(`\${${name}}`));
}
