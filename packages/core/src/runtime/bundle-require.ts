import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { importModule } from "../config/import-module.js";
import { defaultCacheDir } from "../script/cache-dir.js";

export type ScriptRequire = (specifier: string) => unknown;

// Each module once per process, by what it resolved to; undefined: it cannot be imported
// from here the way the script would import it, so the script loads on its own.
const modules = new Map<string, Promise<object | undefined>>();
const importers = new Map<string, string | undefined>();

/**
 * The `require` a bundled script's body calls for its imports, every module already
 * imported the way an ES module import would (same module instances, ESM resolution), or
 * undefined when one cannot be: then the script loads on its own.
 */
export async function scriptRequire(
  scriptPath: string,
  specifiers: readonly string[],
): Promise<ScriptRequire | undefined> {
  const found = new Map<string, object>();
  for (const specifier of specifiers) {
    const key = moduleKey(scriptPath, specifier);
    if (key === undefined) return undefined;
    let loaded = modules.get(key);
    if (!loaded) {
      loaded = importKey(key).then(interop, () => undefined);
      modules.set(key, loaded);
    }
    const mod = await loaded;
    if (!mod) return undefined;
    found.set(specifier, mod);
  }
  return (specifier) => {
    const mod = found.get(specifier);
    if (!mod) throw new Error(`Cannot find module '${specifier}'`);
    return mod;
  };
}

/** `path:…` for a file, `node:…` for a built-in, `bare:<importer>\0<name>` for a package. */
function moduleKey(scriptPath: string, specifier: string): string | undefined {
  if (/^\.{1,2}\//.test(specifier)) {
    const path = relativeFile(resolve(dirname(scriptPath), specifier), specifier);
    return path && `path:${path}`;
  }
  if (isBuiltin(specifier)) return `node:${specifier}`;
  // Subpath imports (`#x`) and URLs depend on the script's own package: not from elsewhere.
  if (/^[#/]|^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined;
  const importer = importerFor(dirname(scriptPath));
  return importer && `bare:${importer}\0${specifier}`;
}

/** The file `./x.js` or `./x` names, as the TypeScript hooks resolve it (ts-hooks.ts). */
function relativeFile(path: string, specifier: string): string | undefined {
  if (statSync(path, { throwIfNoEntry: false })?.isFile()) return path;
  const candidates = /\.m?js$/.test(specifier)
    ? [path.replace(/js$/, "ts")]
    : /\.[cm]?[jt]s$|\.json$/.test(specifier)
      ? []
      : [`${path}.ts`, `${path}.mts`, join(path, "index.ts")];
  return candidates.find((c) => existsSync(c));
}

async function importKey(key: string): Promise<object> {
  if (key.startsWith("path:")) return importModule(key.slice(5));
  if (key.startsWith("node:")) return import(key.slice(5));
  const [importer, specifier] = key.slice(5).split("\0") as [string, string];
  const { load } = (await import(pathToFileURL(importer).href)) as {
    load: (specifier: string) => Promise<object>;
  };
  return load(specifier);
}

/**
 * A module that imports packages for scripts of `dir`: it sits in the `node_modules/.cache/mig`
 * of the nearest `node_modules` above them, so a package resolves from it as from the script.
 * Undefined without such a `node_modules` (then the scripts load on their own).
 */
function importerFor(dir: string): string | undefined {
  if (importers.has(dir)) return importers.get(dir);
  const cache = defaultCacheDir(dir);
  let file: string | undefined;
  if (cache?.endsWith(`${sep}node_modules${sep}.cache${sep}mig`)) {
    file = join(cache, "import-for-scripts.mjs");
    if (!existsSync(file)) {
      try {
        mkdirSync(cache, { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, "export const load = (specifier) => import(specifier);\n");
        renameSync(temp, file);
      } catch {
        file = undefined;
      }
    }
  }
  importers.set(dir, file);
  return file;
}

/**
 * The namespace as Sucrase's interop reads it: flagged `__esModule`, so a default import is
 * the module's `default` export and a namespace import the namespace itself (live bindings).
 */
function interop(namespace: object): object {
  const out = Object.create(null) as object;
  Object.defineProperty(out, "__esModule", { value: true });
  Object.defineProperty(out, Symbol.toStringTag, { value: "Module" });
  for (const key of Object.keys(namespace)) {
    if (key === "__esModule") continue;
    Object.defineProperty(out, key, {
      enumerable: true,
      get: () => (namespace as Record<string, unknown>)[key],
    });
  }
  return out;
}
