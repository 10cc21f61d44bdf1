import { type Connection, parseDatabaseUrl } from "@mig/core";
import { createDialect } from "../src/index.js";

/** A plain connection to `url` for checks outside a mig run. */
export async function withConnection<T>(
  url: string,
  fn: (c: Connection) => Promise<T>,
): Promise<T> {
  const source = await createDialect().connect(parseDatabaseUrl(url), { pool: { poolSize: 1 } });
  try {
    const c = await source.acquire();
    try {
      return await fn(c);
    } finally {
      await c.release();
    }
  } finally {
    await source.close();
  }
}
