import { relative } from "node:path";
import type { ChecksumMismatch } from "@mig/core";

/** One applied script edited or removed since it ran, as `log --verify` and `status` list it. */
export function mismatchLine(m: ChecksumMismatch): string {
  return m.kind === "changed"
    ? `${m.revision}  edited since it was applied (${m.appliedAt}): ${relative(process.cwd(), m.path ?? "") || m.path}`
    : `${m.revision}  applied (${m.appliedAt}) but no script defines it`;
}
