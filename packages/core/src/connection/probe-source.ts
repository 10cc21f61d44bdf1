import type { ConnectionSource } from "./connection.js";

/**
 * Takes one connection and gives it back, so a wrong URL or password fails in a dialect's
 * `connect()`, in one line, rather than at the first statement. Closes the source on failure.
 */
export async function probeSource<S extends ConnectionSource>(source: S): Promise<S> {
  try {
    await (await source.acquire()).release();
  } catch (error) {
    await source.close();
    throw error;
  }
  return source;
}
