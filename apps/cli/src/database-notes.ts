import { relative } from "node:path";
import type { DatabaseInfo, RunEvents } from "@mig/core";
import type { Output } from "./output.js";

export interface DatabaseNotes {
  readonly events: RunEvents;
  /** What the command was told, for `--json`; undefined before it connected. */
  info(): { url: string; dialect: string } | undefined;
}

/**
 * Says which database a command uses, on stderr: `announce` prints "Using <url> (<dialect>)"
 * (up, down, stamp, `current -v`); otherwise only a URL read from `.env` is mentioned.
 */
export function databaseNotes(out: Output, announce: boolean): DatabaseNotes {
  let seen: DatabaseInfo | undefined;
  return {
    events: {
      onDatabase(info) {
        seen = info;
        const dotenv = info.dotenvFile
          ? `DATABASE_URL read from ${relative(process.cwd(), info.dotenvFile) || ".env"}`
          : undefined;
        if (announce) {
          const note = info.note ? `; ${info.note}` : "";
          out.info(`Using ${info.url} (${info.dialect}${note})${dotenv ? `; ${dotenv}` : ""}`);
        } else {
          // A command that does not announce its database still says what the URL hides
          // (a missing SQLite file read as empty, an in-memory database).
          if (info.note) out.info(`Note: ${info.url} (${info.note}).`);
          if (dotenv) out.info(dotenv);
        }
      },
    },
    info: () => (seen ? { url: seen.url, dialect: seen.dialect } : undefined),
  };
}
