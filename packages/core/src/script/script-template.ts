import type { RevisionHeader } from "../revision/revision-header.js";
import { formatCreateDate } from "./date-parts.js";
import type { ScriptFormat } from "./script-info.js";

/**
 * What `mig init` copies to `script.ts.tmpl` and `mig revision` renders. Placeholders are
 * `${name}`; in a TS template `${revision}`, `${downRevision}`, `${branchLabels}` and
 * `${dependsOn}` render as TypeScript literals, `${message}` as doc-comment-safe text.
 */
export const DEFAULT_TS_TEMPLATE = `/** \${message} */
import type { Operations } from "@mig/core";

export const revision = \${revision};
export const downRevision: string | readonly string[] | null = \${downRevision};
export const branchLabels: readonly string[] = \${branchLabels};
export const dependsOn: readonly string[] = \${dependsOn};

export async function upgrade(op: Operations): Promise<void> {
  // write the upgrade here, e.g. op.createTable("account", { ... });
}

export async function downgrade(op: Operations): Promise<void> {
  // write the downgrade here, e.g. op.dropTable("account");
}
`;

/** The SQL form (`script.sql.tmpl`); placeholders render as plain comma-separated text. */
export const DEFAULT_SQL_TEMPLATE = `-- revision: \${revision}
-- down_revision: \${downRevision}
-- branch_labels: \${branchLabels}
-- depends_on: \${dependsOn}
-- message: \${message}

-- migrate:up


-- migrate:down

`;

export const TEMPLATE_FILE_NAMES: Readonly<Record<ScriptFormat, string>> = {
  ts: "script.ts.tmpl",
  sql: "script.sql.tmpl",
};

export interface ScriptTemplateValues {
  readonly header: RevisionHeader;
  readonly createDate: Date;
  /** IANA zone for `${createDate}`; default UTC. */
  readonly timezone?: string;
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
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) =>
    name === "createDate" ? createDate : Object.hasOwn(fields, name) ? fields[name]! : whole,
  );
}
