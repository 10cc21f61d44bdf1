import { closestName } from "../errors/closest-name.js";
import type { RevisionHeader } from "../revision/revision-header.js";
import { readSqlHeader } from "./read-sql-header.js";
import { readTsHeader } from "./read-ts-header.js";
import { HeaderParseError, TemplateError } from "./script-errors.js";
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
  // A placeholder one letter off (`${upgrade}`, `${mesage}`) is written out as it is, and the
  // script then fails to load, or carries the text: most likely a slip, said before writing.
  const slip = misspeltPlaceholder(template, 1);
  if (slip) {
    throw new TemplateError(
      `${name} has \${${slip.used}}, which mig does not fill; nothing was written.`,
      `Did you mean \${${slip.near}}?`,
    );
  }
  let problem: string | undefined;
  try {
    const read = (format === "ts" ? readTsHeader : readSqlHeader)(content, name).header;
    const wrong = HEADER_FIELDS.find((f) => String(read[f]) !== String(header[f]));
    if (wrong) problem = `its ${wrong} reads ${JSON.stringify(read[wrong])}`;
  } catch (error) {
    if (!(error instanceof HeaderParseError)) throw error;
    // `script.ts.tmpl:4: cannot read ...` -> `line 4: cannot read ...`; no line: the problem.
    const detail = error.message.slice(error.message.indexOf(": ") + 2);
    problem = error.line === undefined ? detail : `line ${error.line}: ${detail}`;
  }
  if (problem === undefined) return;
  throw new TemplateError(
    `${name} renders a migration mig cannot use (${problem}); nothing was written.`,
    hintFor(template),
  );
}

function hintFor(template: string): string {
  const slip = misspeltPlaceholder(template);
  if (slip) return `The template has \${${slip.used}}: did you mean \${${slip.near}}?`;
  return `Keep the header lines (\`\${revision}\`, \`\${downRevision}\`, ...) as \`mig init\` writes them, or delete the template to use mig's own.`;
}

/** The first `${name}` mig does not fill that is near one it does (within `distance`, if given). */
function misspeltPlaceholder(
  template: string,
  distance?: number,
): { used: string; near: string } | undefined {
  for (const [, used] of template.matchAll(/\$\{(\w+)\}/g)) {
    if ((TEMPLATE_PLACEHOLDERS as readonly string[]).includes(used!)) continue;
    const near = closestName(used!, TEMPLATE_PLACEHOLDERS, distance);
    if (near) return { used: used!, near };
  }
  return undefined;
}
