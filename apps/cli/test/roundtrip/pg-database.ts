import { type CorpusDatabase, run, serverUrl, uniqueName } from "./client.js";
import { pgDumpObjects } from "./pg-dump.js";

/** A PostgreSQL database of its own on the test server, driven by psql and pg_dump. */
export function createPgDatabase(label: string): CorpusDatabase {
  const server = serverUrl("MIG_TEST_POSTGRES_URL", "postgres.sh");
  const name = uniqueName(label);
  const env = { PGPASSWORD: decodeURIComponent(server.password), PGCONNECT_TIMEOUT: "10" };
  const conn = (db: string) => [
    "-h",
    server.hostname,
    "-p",
    server.port || "5432",
    "-U",
    decodeURIComponent(server.username),
    "-d",
    db,
  ];
  const psql = (db: string, args: readonly string[]) =>
    run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", ...conn(db), ...args], { env });
  const query = (sql: string) =>
    psql(name, ["-A", "-t", "-c", sql])
      .split("\n")
      .filter((l) => l !== "");
  psql(server.pathname.slice(1) || "postgres", ["-c", `CREATE DATABASE "${name}"`]);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    load: (file) => void psql(name, ["-f", file]),
    tables: () =>
      query(`SELECT n.nspname || '.' || c.relname FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND NOT c.relispartition
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
          AND c.relname NOT IN ('mig_version', 'mig_log')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
            AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY 1`),
    describe: (tables) =>
      pgDumpObjects(
        run("pg_dump", ["--schema-only", "--no-owner", "--no-privileges", ...conn(name)], { env }),
        tables,
      ),
    leftovers: () => [
      ...query(`SELECT 'table ' || n.nspname || '.' || c.relname FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND c.relname NOT IN ('mig_version', 'mig_log')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
            AND d.objid = c.oid AND d.deptype = 'e')`),
      ...query(`SELECT 'enum ' || n.nspname || '.' || t.typname FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e'`),
    ],
    drop: () =>
      void psql(server.pathname.slice(1) || "postgres", [
        "-c",
        `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
      ]),
  };
}
