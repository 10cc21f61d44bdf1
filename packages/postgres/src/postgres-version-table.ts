/**
 * `sql` in a DO block that raises `failure`, the row count and a full stop unless it
 * changed exactly one row: the check runs in the database, so the version change can share
 * the COMMIT's round trip and a mismatch aborts the transaction before COMMIT runs.
 */
export function expectOneRow(
  sql: string,
  failure: string,
  literal: (text: string) => string,
): string {
  const body = `DECLARE n bigint; BEGIN ${sql}; GET DIAGNOSTICS n = ROW_COUNT; IF n <> 1 THEN RAISE EXCEPTION USING MESSAGE = ${literal(failure)} || n || '.'; END IF; END`;
  // A dollar-quote tag the body does not contain.
  let tag = "$mig$";
  for (let i = 1; body.includes(tag); i++) tag = `$mig${i}$`;
  return `DO ${tag}${body}${tag}`;
}
