import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { nodeBuiltin } from "../script/node-builtin.js";

/** `DATABASE_URL` as read from a project's `.env` file. */
export interface DotenvUrl {
  readonly url: string;
  /** The `.env` file it came from. */
  readonly file: string;
}

/**
 * `DATABASE_URL` from `<dir>/.env`, as drizzle-kit and Prisma users expect; undefined when
 * the file or the variable is missing. Only that one variable is read.
 */
export function readDotenvUrl(dir: string): DotenvUrl | undefined {
  const file = join(dir, ".env");
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    // An unreadable .env is the same as none: the message about the missing URL follows.
    return undefined;
  }
  const url = nodeBuiltin<typeof import("node:util")>("node:util").parseEnv(text).DATABASE_URL;
  return url ? { url, file } : undefined;
}

/**
 * Runs `fn` with `DATABASE_URL` set from `.env` when the environment has none, so a config
 * that reads `process.env.DATABASE_URL` sees it; the environment is restored afterwards.
 */
export async function withDotenvUrl<T>(dotenv: DotenvUrl | undefined, fn: () => Promise<T>) {
  if (!dotenv || process.env.DATABASE_URL) return fn();
  const before = process.env.DATABASE_URL;
  process.env.DATABASE_URL = dotenv.url;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = before;
  }
}
