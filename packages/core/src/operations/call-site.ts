const CALL_SITE = Symbol("mig.callSite");

/**
 * Marks `error` with where the script made the `op` call that led to it, when that call is
 * not the one whose promise rejects (a CREATE TABLE held for constraints to fold in runs at
 * the next call). The first mark stays. Returns `error`.
 */
export function markCallSite(error: unknown, site: Error | undefined): unknown {
  if (site && typeof error === "object" && error !== null && !Object.hasOwn(error, CALL_SITE)) {
    Object.defineProperty(error, CALL_SITE, { value: site });
  }
  return error;
}

/** The site `markCallSite` put on `error`, if any. */
export function markedCallSite(error: unknown): Error | undefined {
  return typeof error === "object" && error !== null
    ? (error as { [CALL_SITE]?: Error })[CALL_SITE]
    : undefined;
}
