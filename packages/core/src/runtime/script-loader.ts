import { dirname, join, sep } from "node:path";
import type { MigrationStep } from "../revision/plan.js";
import { defaultCacheDir } from "../script/cache-dir.js";
import { hash, RACY_MS } from "../script/script-index-layout.js";
import { withScriptStack } from "./bundle-lines.js";
import { type ScriptRequire, scriptRequire } from "./bundle-require.js";
import type { RunDirection } from "./direct-entry.js";
import { ranModule, rememberModule } from "./process-modules.js";
import { type BundleFiles, readBundleFiles } from "./read-whole.js";
import type { BundledScript, ScriptBundle } from "./script-bundle.js";
import {
  loadScriptModule,
  type MigrationFn,
  type ScriptModule,
  type ScriptRef,
  scriptLoadFailed,
  scriptModuleOf,
} from "./script-module.js";

// What a direct entry's module has for the function its run does not call.
const OTHER_DIRECTION: MigrationFn = () => {
  throw new Error("internal: a script loaded for one direction was run in the other");
};

/**
 * Loads a run's scripts. TypeScript scripts come from the run's bundle (script-bundle.ts),
 * built on the first load, so a run that loads nothing never reads it; SQL scripts and
 * scripts the bundle cannot carry load on their own (script-module.ts).
 */
export class ScriptLoader {
  readonly #scripts: ReadonlyMap<string, ScriptRef>;
  readonly #steps: readonly MigrationStep[];
  #bundle: Promise<ScriptBundle | undefined> | undefined;
  #opened: ScriptBundle | undefined;
  #files: BundleFiles | undefined;
  // The run's scripts not loaded yet, by their ScriptRef objects (no path strings hashed).
  readonly #pending = new Set<ScriptRef>();
  #ran = 0;
  // Files changed since are not kept in `loaded` (the racy rule); one clock read per run.
  readonly #settled = Date.now() - RACY_MS;

  /** `scripts`: the project's scripts by revision; `steps`: the run's plan. */
  constructor(scripts: ReadonlyMap<string, ScriptRef>, steps: readonly MigrationStep[]) {
    this.#scripts = scripts;
    this.#steps = steps;
  }

  load(script: ScriptRef): Promise<ScriptModule> {
    try {
      const module = this.loadNow(script);
      return module instanceof Promise ? module : Promise.resolve(module);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * `load`, with the module itself where it is at hand without waiting (a script run before,
   * or one without imports once the bundle is open, whose body does not await); a failure
   * to load it may be thrown.
   */
  loadNow(script: ScriptRef): ScriptModule | Promise<ScriptModule> {
    if (script.format === "sql") return loadScriptModule(script);
    const known = ranModule(script, this.#scripts);
    if (known) return known;
    // Once the bundle is open, a script without imports runs without further waits.
    const entry = this.#opened?.entry(script);
    if (entry?.direct) return this.#direct(script, entry.run);
    if (entry && entry.requires.length === 0) return this.#run(script, entry, undefined);
    return this.#loadSlowly(script);
  }

  /** Opens the run's bundle now rather than at the first load (see `checksum`). */
  async ready(): Promise<void> {
    await this.#openBundle();
  }

  /**
   * Before the first step: loads each of the run's TypeScript scripts that the bundle does
   * not carry (one it could not transform or compile, or whose imports keep it out), so a
   * script that cannot load fails the run before anything runs, as Alembic's import of every
   * script does, not half way through it. The bundle itself compiled whole already.
   */
  async preflight(): Promise<void> {
    const bundle = await this.#openBundle();
    if (bundle) {
      for (const script of bundle.unbundled()) await this.load(script);
      return;
    }
    for (const step of this.#steps) {
      const script = step.kind === "revision" ? this.#scripts.get(step.revision) : undefined;
      if (script?.format === "ts") await this.load(script);
    }
  }

  /**
   * The script's checksum as its bundle entry was built from it, once `ready()`: undefined
   * when the bundle has none (not yet open, a SQL script, a file it could not read).
   */
  checksum(script: ScriptRef): string | undefined {
    return this.#opened?.checksum(script);
  }

  #openBundle(): Promise<ScriptBundle | undefined> {
    this.#bundle ??= this.#open().then((bundle) => {
      this.#opened = bundle;
      return bundle;
    });
    return this.#bundle;
  }

  async #loadSlowly(script: ScriptRef): Promise<ScriptModule> {
    const entry = (await this.#openBundle())?.entry(script);
    if (entry?.direct) return this.#direct(script, entry.run);
    const require = entry && (await scriptRequire(script.path, entry.requires));
    if (entry && require) return this.#run(script, entry, require);
    return this.#done(script, await loadScriptModule(script));
  }

  /** The script's module from its bundle entry, its imports already served by `require`. */
  #run(
    script: ScriptRef,
    entry: Extract<BundledScript, { direct: false }>,
    require: ScriptRequire | undefined,
  ): ScriptModule | Promise<ScriptModule> {
    const exports: Record<string, unknown> = {};
    this.#ran++;
    const failed = (cause: unknown) => scriptLoadFailed(script.path, withScriptStack(cause));
    let body: unknown;
    try {
      body = entry.run.call(undefined, exports, require);
    } catch (cause) {
      throw failed(cause);
    }
    // A body that never awaits is done: its module without waiting a turn.
    if (!(body instanceof Promise)) return this.#module(script, exports);
    return body.then(
      () => this.#module(script, exports),
      (cause: unknown) => {
        throw failed(cause);
      },
    );
  }

  /**
   * A direct entry's module: the run's function, the module body not run (it only declares;
   * direct-entry.ts). Not kept for later runs, which may call the other function.
   */
  #direct(script: ScriptRef, fn: MigrationFn): ScriptModule {
    this.#ran++;
    const module =
      this.#direction() === "up"
        ? { upgrade: fn, downgrade: OTHER_DIRECTION }
        : { upgrade: OTHER_DIRECTION, downgrade: fn };
    this.#settle(script);
    return module;
  }

  // The functions as exported: the runner maps a failure's stack to the script's lines.
  #module(script: ScriptRef, exports: Record<string, unknown>): ScriptModule {
    return this.#done(script, scriptModuleOf(script.path, exports));
  }

  #done(script: ScriptRef, module: ScriptModule): ScriptModule {
    const { size, changedMs } = script;
    if (size !== undefined && changedMs !== undefined && changedMs < this.#settled)
      rememberModule(script, this.#scripts, module);
    this.#settle(script);
    return module;
  }

  #settle(script: ScriptRef): void {
    // Once every script of the run has run, the code cache holds all they compiled.
    if (this.#pending.delete(script) && this.#pending.size === 0)
      this.#opened?.saveCodeCache(this.#ran);
  }

  #directionOf: RunDirection | null | undefined;

  /** The function every script of the run calls; undefined where it calls both (or none). */
  #direction(): RunDirection | undefined {
    if (this.#directionOf === undefined) {
      let up = false;
      let down = false;
      const steps = this.#steps;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i]!;
        if (step.kind !== "revision") continue;
        if (step.direction === "up") up = true;
        else down = true;
      }
      this.#directionOf = up === down ? null : up ? "up" : "down";
    }
    return this.#directionOf ?? undefined;
  }

  async #open(): Promise<ScriptBundle | undefined> {
    const needed = this.#needed();
    if (needed.length === 0) return undefined;
    const base = this.#base();
    if (base === undefined) return undefined;
    // Loaded here (or by prefetch), not at start-up: a run with nothing to load (a no-op `up`)
    // never needs it.
    this.#bundleCode ??= import("./script-bundle.js");
    const { ScriptBundle } = await this.#bundleCode;
    // All scripts by path, only needed when the bundle is rebuilt.
    const known = () => new Map([...this.#scripts.values()].map((ref) => [ref.path, ref]));
    return ScriptBundle.open(base, needed, known, this.#files, this.#direction());
  }

  // Not in the async #open: V8 optimizes a loop of an async function only across calls.
  #needed(): ScriptRef[] {
    const needed: ScriptRef[] = [];
    const steps = this.#steps;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const ref = step.kind === "revision" ? this.#scripts.get(step.revision) : undefined;
      if (ref?.format === "ts" && !this.#pending.has(ref)) {
        this.#pending.add(ref);
        needed.push(ref);
      }
    }
    return needed;
  }

  /**
   * Starts reading the run's bundle off the main thread, for a caller with work to do before
   * the first load (`ready`): only reads, so a run that then stops early costs nothing more.
   */
  prefetch(): void {
    const base = this.#base();
    if (base === undefined) return;
    // Its module first: its file is read before the bundle's megabytes take the file threads.
    this.#bundleCode ??= import("./script-bundle.js");
    this.#files ??= readBundleFiles(base);
  }

  #bundleCode: Promise<typeof import("./script-bundle.js")> | undefined;

  #baseName: string | null | undefined;

  /** Where the project's bundle is (without extension); undefined where no cache can be kept. */
  #base(): string | undefined {
    if (this.#baseName === undefined) {
      const dirs = new Set<string>();
      let last = "\0";
      for (const { path, fileName } of this.#scripts.values()) {
        // Most scripts share their directory with the one before: no dirname() string for them
        // (where the file name is known, the lengths tell without scanning for separators).
        const n = last.length;
        if (
          fileName !== undefined
            ? path.length === n + fileName.length && path.startsWith(last)
            : path.startsWith(last) && path.indexOf(sep, n) === -1 && path.indexOf("/", n) === -1
        )
          continue;
        const dir = dirname(path);
        dirs.add(dir);
        last = dir.endsWith(sep) ? dir : `${dir}${sep}`;
      }
      // One bundle per project (its set of script directories), next to the header cache.
      const sorted = [...dirs].sort();
      const cacheDir = sorted[0] === undefined ? undefined : defaultCacheDir(sorted[0]);
      // Not node:crypto: loading it costs a run several ms, and the key needs no secrecy.
      // A run of one direction has its own bundle: its entries are that function alone
      // where they can be (direct-entry.ts).
      const direction = this.#direction();
      const suffix = direction ? `-${direction}` : "";
      this.#baseName = cacheDir && join(cacheDir, `bundle-${hash(sorted.join("\0"))}${suffix}`);
      this.#baseName ??= null;
    }
    return this.#baseName ?? undefined;
  }
}
