import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Checks for generated code: biome's formatting, and tsc against core's source. */
const root = fileURLToPath(new URL("../../../", import.meta.url));

/** A migration file around rendered upgrade and downgrade bodies, as the template lays it out. */
export function migrationModule(upgrade: readonly string[], downgrade: readonly string[]): string {
  const body = (lines: readonly string[]) => lines.map((l) => `  ${l}`).join("\n");
  return `/** every operation */
import { type Operations, sql, t } from "@mig/core";

export const revision = "a1";
export const downRevision: string | readonly string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {
${body(upgrade)}
}

export async function downgrade(op: Operations): Promise<void> {
${body(downgrade)}
}

export const used = [sql, t];
`;
}

/** `text` as `biome format` leaves it, with the repository's biome.json. */
export function biomeFormatted(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "mig-biome-"));
  try {
    const file = join(dir, "generated.ts");
    writeFileSync(file, text);
    const biome = join(root, "node_modules", "@biomejs", "biome", "bin", "biome");
    const r = spawnSync(
      process.execPath,
      [biome, "format", "--write", "--config-path", root, file],
      { encoding: "utf8" },
    );
    if (r.status !== 0) throw new Error(`biome failed: ${r.stdout}${r.stderr}`);
    return readFileSync(file, "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * tsc's errors for `files` (name -> TypeScript) importing `@mig/core` from source, with the
 * strict settings of `tsc --init`; "" when they type-check.
 */
export function typeCheck(files: Readonly<Record<string, string>>): string {
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "mig-render-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, "package.json"), '{ "type": "module", "private": true }\n');
    const config = {
      compilerOptions: {
        module: "nodenext",
        target: "esnext",
        lib: ["esnext"],
        types: ["node"],
        strict: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        isolatedModules: true,
        skipLibCheck: true,
        noEmit: true,
        paths: { "@mig/core": [join(root, "packages", "core", "src", "index.ts")] },
      },
      files: Object.keys(files),
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(config, null, 2));
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", ".", "--pretty", "false"], {
      cwd: dir,
      encoding: "utf8",
    });
    return r.status === 0 ? "" : `${r.stdout}${r.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
