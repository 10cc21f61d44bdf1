import { MigError } from "../errors/mig-error.js";
import { verifyRevisionId } from "../revision/build-graph.js";

/** Names a target already means: a new revision or label so named could never be reached. */
const RESERVED = new Set(["base", "head", "heads", "current"]);
/** The version table's `version_num` column holds this many characters (as Alembic's). */
export const MAX_REVISION_ID = 32;

/**
 * Refuses an id for a new revision (`--rev-id`) that the graph would take but that cannot
 * be used: one of the names targets have, or longer than the version table's column.
 */
export function verifyNewRevisionId(id: string): void {
  verifyRevisionId(id, { usage: true });
  if (RESERVED.has(id.toLowerCase())) {
    throw new MigError(
      "invalid_revision_id",
      `Revision id '${id}' is a name targets already have.`,
      {
        usage: true,
        hint: "Choose another: base, head, heads and current name targets in every command.",
      },
    );
  }
  if (id.length > MAX_REVISION_ID) {
    throw new MigError(
      "invalid_revision_id",
      `Revision id '${id}' is ${id.length} characters long; the version table holds ${MAX_REVISION_ID}.`,
      { usage: true, hint: `Choose one of at most ${MAX_REVISION_ID} characters.` },
    );
  }
}

/**
 * Refuses a new branch label that targets could not name: empty, with a character that
 * target syntax uses (`@`, `+`, `-`, `:`, `,`, spaces), or one of the names targets have.
 */
export function verifyNewBranchLabel(label: string): void {
  const bad = label === "" || /[@+\-:,\s]/.test(label) || /^\d+$/.test(label);
  if (!bad && !RESERVED.has(label.toLowerCase())) return;
  throw new MigError(
    "invalid_branch_label",
    `Branch label '${label}' cannot be used in a target.`,
    {
      usage: true,
      hint: "Use letters, digits and underscores (not digits alone), and not base, head, heads or current.",
    },
  );
}
