import { existsSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import type { QualifiedName } from "../connection/qualified-name.js";
import { MigError } from "../errors/mig-error.js";
import { valueKind } from "../errors/value-kind.js";
import { assertKnownRows } from "../revision/revision-errors.js";
import { RevisionMap } from "../revision/revision-map.js";
import type { ChecksumCache } from "../script/checksum-cache.js";
import { GRAPH_BUILT, GraphMemo } from "../script/graph-memo.js";
import type { Script } from "../script/index.js";
import { catalogOf, openIndexed, type ScriptCatalog } from "../script/indexed-scripts.js";
import { replacedIds } from "../script/replaces.js";
import { loadScriptDirectory, type ScriptDirectory } from "../script/script-directory.js";
import { configNotFound, loadConfig, resolveFrom } from "./load-config.js";
import type { MigConfig } from "./mig-config.js";
import { CONFIG_KEYS, type OptionKeys } from "./option-keys.js";
import { validateConfigOptions } from "./validate-config.js";

/** Options every command takes: the config's keys, plus where to find the config. */
export interface ProjectOptions extends MigConfig {
  /** Directory to look for `mig.config.*` in, and to resolve relative paths from. Default `process.cwd()`. */
  readonly cwd?: string | undefined;
  /** A config file to load; without it `mig.config.*` in `cwd` is used if present. */
  readonly configFile?: string | undefined;
  /** Which entry of `databases` to use. */
  readonly name?: string | undefined;
  /** `-x key=value` arguments for hooks. */
  readonly x?: Readonly<Record<string, string>> | undefined;
}

/** What every command takes: the config's keys and where to find the config. */
export const PROJECT_KEYS: OptionKeys<ProjectOptions> = {
  ...CONFIG_KEYS,
  cwd: true,
  configFile: true,
  name: true,
  x: true,
};

/** A loaded project: its settings, its scripts and their graph. */
export interface Project {
  readonly config: MigConfig;
  /** The config file's directory (or `cwd`). */
  readonly dir: string;
  readonly configFile: string | undefined;
  readonly url: string | undefined;
  /** The `.env` file the URL in use was read from (`DATABASE_URL`), when it was. */
  readonly dotenvFile: string | undefined;
  readonly locations: readonly string[];
  readonly scripts: readonly Script[];
  readonly scriptsById: ReadonlyMap<string, Script>;
  /**
   * The same scripts, each made when asked for: when no script changed since the last run,
   * a command that prints a few of them reads no other header.
   */
  readonly catalog: ScriptCatalog;
  /** Built on first use when the memo knows this graph was built without error before. */
  readonly map: RevisionMap;
  /** What earlier runs learnt about this graph (a no-op `up` answers from it without building the map). */
  readonly memo?: GraphMemo | undefined;
  readonly versionTable: QualifiedName;
  readonly x: Readonly<Record<string, string>>;
  /**
   * A fleet target's schema (schema-per-tenant): each session creates it when missing and
   * makes it the only one searched (`Dialect.useSchema`), then restores the connection.
   */
  readonly targetSchema?: string | undefined;
  /**
   * Script checksums shared by the runs of a fleet, which saves them once at the end;
   * without it each run loads and saves the cache file itself.
   */
  readonly checksums?: ChecksumCache | undefined;
}

const defined = (o: object) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Loads config (file, then options over it) and only then the scripts' headers. */
export async function openProject(options: ProjectOptions = {}): Promise<Project> {
  if (options.cwd !== undefined && typeof options.cwd !== "string") {
    throw new MigError(
      "invalid_call",
      `cwd must be a directory's path, not ${valueKind(options.cwd)}.`,
      {
        usage: true,
        hint: "For example: upgrade({ cwd: process.cwd() })",
      },
    );
  }
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadConfig(cwd, options.configFile);
  let fileConfig: MigConfig = loaded.config;
  if (options.name !== undefined) {
    const entry = fileConfig.databases?.[options.name];
    if (!entry) {
      const names = Object.keys(fileConfig.databases ?? {});
      throw new MigError("unknown_database", `No database named '${options.name}' in the config.`, {
        usage: true,
        hint: names.length
          ? `Known names: ${names.join(", ")}.`
          : "Add it under `databases` in mig.config.",
      });
    }
    const { databases: _ignored, ...shared } = fileConfig;
    fileConfig = { ...shared, ...entry };
  }
  const { cwd: _c, configFile: _f, name: _n, x, ...overrides } = options;
  validateConfigOptions(overrides, "The call's options");
  const config: MigConfig = { ...fileConfig, ...defined(overrides) };
  const dir = loaded.dir;
  const locations = (config.versionLocations ?? [config.scriptLocation ?? "migrations"]).map((l) =>
    resolveFrom(dir, l),
  );
  // No config and no migrations here: say that, not that `migrations/` is missing.
  const located = options.scriptLocation !== undefined || options.versionLocations !== undefined;
  if (!loaded.file && !located && !locations.some((l) => existsSync(l))) throw configNotFound(cwd);
  // Unchanged scripts of a graph built before come from their indexes, each when asked for.
  const fromIndex = openIndexed(locations);
  const indexedMemo = fromIndex && new GraphMemo(fromIndex.indexed);
  let directory: ScriptDirectory | undefined;
  let catalog: ScriptCatalog | undefined;
  let memo: GraphMemo | undefined;
  if (indexedMemo?.built) {
    memo = indexedMemo;
    catalog = fromIndex;
  } else {
    directory = loadScriptDirectory({ locations: [...locations] });
    memo = directory.indexed && new GraphMemo(directory.indexed);
  }
  const scriptDirectory = () => (directory ??= fromIndex!.directory());
  const url = config.url ?? (process.env.DATABASE_URL || loaded.dotenv?.url);
  const headers = () => {
    const scripts = scriptDirectory().scripts;
    const out = new Array<Script["header"]>(scripts.length);
    for (let i = 0; i < scripts.length; i++) out[i] = scripts[i]!.header;
    return out;
  };
  // A graph never built from these headers is built now, so its errors come first; built
  // without error, it is recorded, so the next run trusts it (and reads unchanged scripts
  // from their indexes) whichever command this is.
  let map: RevisionMap | undefined;
  if (!memo?.built) {
    map = RevisionMap.build(headers());
    memo?.add(GRAPH_BUILT);
  }
  return {
    config,
    dir,
    configFile: loaded.file,
    url,
    dotenvFile:
      loaded.dotenv && options.url === undefined && url === loaded.dotenv.url
        ? loaded.dotenv.file
        : undefined,
    locations,
    get scripts() {
      return scriptDirectory().scripts;
    },
    get scriptsById() {
      return scriptDirectory().byId;
    },
    get catalog() {
      catalog ??= catalogOf(scriptDirectory());
      return catalog;
    },
    get map() {
      // Only when the memo knows these headers built without error: their checks are skipped.
      map ??= RevisionMap.build(headers(), true);
      return map;
    },
    memo,
    versionTable: { name: config.versionTable ?? "mig_version", schema: config.versionTableSchema },
    x: x ?? {},
  };
}

/** Fails, naming the script directories, when the version table holds a revision no script defines. */
export function assertRowsKnown(project: Project, rows: readonly string[]): void {
  const shown = project.locations.map((dir) => {
    const rel = relative(project.dir, dir);
    return rel === "" ? "./" : rel.startsWith("..") || isAbsolute(rel) ? `${dir}/` : `${rel}/`;
  });
  // An id a squash replaced is known: the run maps it (runtime/pre-squash-project.ts).
  const replaced = replacedIds(project.scripts);
  assertKnownRows(project.map, replaced.size ? rows.filter((r) => !replaced.has(r)) : rows, shown);
}
