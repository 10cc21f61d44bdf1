import { closestName } from "../errors/closest-name.js";
import { isMigError } from "../errors/mig-error.js";
import type { RevisionHeader } from "../revision/revision-header.js";
import { readSqlHeader } from "./read-sql-header.js";
import { readTsHeader } from "./read-ts-header.js";
import { TemplateError } from "./script-errors.js";
import type { ScriptFormat } from "./script-info.js";
import { TEMPLATE_FILE_NAMES, TEMPLATE_PLACEHOLDERS } from "./script-template.js";

const HEADER_FIELDS = ["revision", "downRevisions", "branchLabels", "dependsOn"] as const;

/**
 * Reads back the header of a migration a template rendered, before it is written: a template
 * whose `${revision}` line was edited away or misspelt would write a file every later command
 * refuses to read. Throws a TemplateError naming what the template got wrong.
 */
export function checkRenderedScript(
  content: string,
  format: ScriptFormat,
  header: RevisionHeader,
  template: string,
): void {
  const name = TEMPLATE_FILE_NAMES[format];
  let problem: string | undefined;
  try {
    const read = (format === "ts" ? readTsHeader : readSqlHeader)(content, name).header;
    const wrong = HEADER_FIELDS.find((f) => String(read[f]) !== String(header[f]));
    if (wrong) problem = `its ${wrong} reads ${JSON.stringify(read[wrong])}`;
  } catch (error) {
    if (!isMigError(error)) throw error;
    problem = error.message.replace(`${name}:`, "line ");
  }
  if (problem === undefined) return;
  throw new TemplateError(
    `${name} renders a migration mig cannot use (${problem}); nothing was written.`,
    hintFor(template),
  );
}

function hintFor(template: string): string {
  for (const [, used] of template.matchAll(/\$\{(\w+)\}/g)) {
    if ((TEMPLATE_PLACEHOLDERS as readonly string[]).includes(used!)) continue;
    const near = closestName(used!, TEMPLATE_PLACEHOLDERS);
    if (near) return `The template has \${${used}}: did you mean \${${near}}?`;
  }
  return `Keep the header lines (\`\${revision}\`, \`\${downRevision}\`, ...) as \`mig init\` writes them, or delete the template to use mig's own.`;
}
