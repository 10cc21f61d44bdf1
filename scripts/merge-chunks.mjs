// A build step run by tsup's onSuccess (packages/core, apps/cli): esbuild's code splitting
// makes one chunk per set of entry points that share code, ~30 files on `mig up`'s path,
// and Node resolves, reads and links every one of them (~50 ms of a 200 ms start here).
// Rollup re-bundles the output so each group of entries loads one file; what is imported
// lazily (`import()`) stays in chunks of its own, loaded only when used.
import { readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { rollup } from "rollup";

/** Files of tsup's output that this step replaces: the JavaScript and its source maps. */
function jsFiles(dir, under = dir) {
  return readdirSync(under, { withFileTypes: true }).flatMap((e) => {
    const path = join(under, e.name);
    if (e.isDirectory()) return jsFiles(dir, path);
    return /\.js(\.map)?$/.test(e.name) ? [path] : [];
  });
}

/** Reads esbuild's output with its source map, so the merged files map to the sources. */
const withSourceMaps = {
  name: "mig-input-source-maps",
  load(id) {
    const code = readFileSync(id, "utf8");
    try {
      return { code, map: JSON.parse(readFileSync(`${id}.map`, "utf8")) };
    } catch {
      return code;
    }
  },
};

/** The files an entry loads before it runs: its static imports, transitively. */
function staticClosure(getModuleInfo, ids) {
  const seen = new Set();
  const stack = [...ids];
  while (stack.length > 0) {
    const id = stack.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of getModuleInfo(id)?.importedIds ?? []) stack.push(next);
  }
  return seen;
}

/**
 * Merges tsup's ESM output in `dir` in place (.d.ts files are left alone).
 * @param {object} options
 * @param {string} options.dir tsup's outDir
 * @param {Record<string, string>} options.entries name -> file in dir; each keeps its name
 * @param {{ name: string, from: (file: string) => boolean }[]} options.groups every file a
 *   matching file (entry or lazily imported chunk, path relative to dir) imports statically
 *   goes into one chunk `<name>-<hash>.js`; the first group that reaches a file takes it
 * @param {string[]} [options.isolate] entries whose imports stay out of every group, in one
 *   chunk `isolated-<hash>.js` (a file loaded in another thread, say, which should not
 *   load a whole group)
 */
export async function mergeChunks({ dir: outDir, entries, groups, isolate = [] }) {
  const dir = resolve(outDir);
  const files = jsFiles(dir);
  const input = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, join(dir, v)]));
  const entryIds = new Set(Object.values(input));
  let owner;
  const bundle = await rollup({
    input,
    plugins: [withSourceMaps],
    // esbuild has already shaken the tree; keep every statement as it is.
    treeshake: false,
    external: (id) => !id.startsWith(".") && !isAbsolute(id),
    onwarn(warning, warn) {
      if (warning.code !== "CIRCULAR_DEPENDENCY") warn(warning);
    },
  });
  const out = join(dir, ".merge-chunks");
  rmSync(out, { recursive: true, force: true });
  await bundle.write({
    dir: out,
    format: "es",
    sourcemap: true,
    entryFileNames: "[name].js",
    // esbuild's name already ends in its own hash: keep the name, not two hashes.
    chunkFileNames: (chunk) => `${chunk.name.replace(/-[A-Z0-9]{8}$/, "")}-[hash].js`,
    // An entry imports what it uses, not every module below it (fewer files to resolve).
    hoistTransitiveImports: false,
    manualChunks(id, { getModuleInfo }) {
      owner ??= assignGroups(getModuleInfo, { dir, input, entryIds, groups, isolate });
      return owner.get(id);
    },
  });
  await bundle.close();
  for (const file of files) rmSync(file);
  for (const file of jsFiles(out)) renameSync(file, join(dir, relative(out, file)));
  rmSync(out, { recursive: true, force: true });
}

/** Which group each module goes into (the rest is left to Rollup). */
function assignGroups(getModuleInfo, { dir, input, entryIds, groups, isolate }) {
  const owner = new Map();
  const ids = [...getModuleIds(getModuleInfo, input)];
  const isolated = staticClosure(
    getModuleInfo,
    isolate.map((name) => input[name]),
  );
  // Named, or Rollup moves them into the first group that imports them, and that group
  // would load with the isolated entries.
  for (const m of isolated) if (!entryIds.has(m)) owner.set(m, "isolated");
  // What an entry loads anyway stays with it, out of a group of lazily loaded files...
  const atStart = staticClosure(getModuleInfo, [...entryIds]);
  const lazyRoots = ids.flatMap((m) => getModuleInfo(m)?.dynamicallyImportedIds ?? []);
  for (const group of groups) {
    const roots = ids.filter((m) => group.from(relative(dir, m)));
    const lazy = roots.every((m) => !entryIds.has(m));
    // ... and so does what another lazily imported file needs too (`mig heads` would load
    // `mig up`'s group for one shared helper).
    const others = lazy
      ? staticClosure(
          getModuleInfo,
          lazyRoots.filter((m) => !roots.includes(m)),
        )
      : new Set();
    for (const m of staticClosure(getModuleInfo, roots)) {
      if (entryIds.has(m) || owner.has(m) || others.has(m)) continue;
      // A lazily imported file keeps its own chunk: in a group, its entry would load it.
      if (lazy && (roots.includes(m) || atStart.has(m))) continue;
      owner.set(m, group.name);
    }
  }
  return owner;
}

/** Every module id of the graph, from the entries through static and dynamic imports. */
function getModuleIds(getModuleInfo, input) {
  const seen = new Set();
  const stack = Object.values(input);
  while (stack.length > 0) {
    const id = stack.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    const info = getModuleInfo(id);
    if (!info || info.isExternal) continue;
    stack.push(...info.importedIds, ...info.dynamicallyImportedIds);
  }
  return seen;
}
