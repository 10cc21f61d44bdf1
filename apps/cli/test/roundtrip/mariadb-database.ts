import { readFileSync } from "node:fs";
import { type CorpusDatabase, run, serverUrl, uniqueName } from "./client.js";

/**
 * A MariaDB database of its own on the test server, driven by the `mariadb` client
 * (`mysql` where only that is installed). The schema is `SHOW CREATE TABLE` per table,
 * with `AUTO_INCREMENT=n` (the next value, data not schema) taken out and the index and
 * constraint lines sorted (the server lists them in the order they were created).
 */
export function createMariaDatabase(label: string): CorpusDatabase {
  const server = serverUrl("MIG_TEST_MYSQL_URL", "mariadb.sh");
  const name = uniqueName(label);
  const env = { MYSQL_PWD: decodeURIComponent(server.password) };
  const client = hasMariadbClient() ? "mariadb" : "mysql";
  const conn = [
    "-h",
    server.hostname,
    "-P",
    server.port || "3306",
    "-u",
    decodeURIComponent(server.username),
  ];
  const sql = (db: string | undefined, statement: string) =>
    run(client, [...conn, "-N", "-B", "-r", ...(db ? [db] : []), "-e", statement], { env });
  const lines = (statement: string) =>
    sql(name, statement)
      .split("\n")
      .filter((l) => l !== "");
  sql(undefined, `CREATE DATABASE \`${name}\``);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const baseTables = (where: string) =>
    lines(`SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()
      AND table_type = 'BASE TABLE' ${where} ORDER BY 1`);
  return {
    url: url.toString(),
    load: (file) => void run(client, [...conn, name], { env, input: readSql(file) }),
    tables: () => baseTables("AND table_name NOT IN ('mig_version', 'mig_log')"),
    describe: (tables) =>
      Object.fromEntries(
        tables.map((t) => {
          const out = sql(name, `SHOW CREATE TABLE \`${t.replace(/`/g, "``")}\``);
          const text = out.slice(out.indexOf("\t") + 1).trimEnd();
          return [t, showCreateLines(text)];
        }),
      ),
    leftovers: () =>
      baseTables("AND table_name NOT IN ('mig_version', 'mig_log')").map((t) => `table ${t}`),
    drop: () => void sql(undefined, `DROP DATABASE IF EXISTS \`${name}\``),
  };
}

let mariadbClient: boolean | undefined;
function hasMariadbClient(): boolean {
  if (mariadbClient === undefined) {
    try {
      run("mariadb", ["--version"]);
      mariadbClient = true;
    } catch {
      mariadbClient = false;
    }
  }
  return mariadbClient;
}

const readSql = (file: string): string => readFileSync(file, "utf8");

/** SHOW CREATE TABLE's lines; index lines and constraint lines each sorted, commas dropped. */
export function showCreateLines(text: string): string[] {
  const lines = text
    .replace(/ AUTO_INCREMENT=\d+/, "")
    .split("\n")
    .map((l) => l.replace(/,$/, ""));
  const isIndex = (l: string) => /^ {2}(UNIQUE |FULLTEXT |SPATIAL )?KEY /.test(l);
  const isConstraint = (l: string) => /^ {2}CONSTRAINT /.test(l);
  return [
    ...lines.filter((l) => !isIndex(l) && !isConstraint(l) && !l.startsWith(")")),
    ...lines.filter(isIndex).sort(),
    ...lines.filter(isConstraint).sort(),
    ...lines.filter((l) => l.startsWith(")")),
  ];
}
