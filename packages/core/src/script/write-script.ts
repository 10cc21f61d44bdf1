import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { join, resolve } from "node:path";
import type { RevisionHeader } from "../revision/revision-header.js";
import { checkRenderedScript } from "./check-rendered-script.js";
import { DEFAULT_FILE_TEMPLATE, renderFileName, slugify } from "./file-template.js";
import { scriptFormat } from "./list-script-files.js";
import { randomHex } from "./revision-id.js";
import {
  ScriptExistsError,
  ScriptLocationError,
  ScriptLocationNotWritableError,
  TemplateError,
} from "./script-errors.js";
import type { ScriptFormat } from "./script-info.js";
import { renderScript } from "./script-template.js";

export interface WriteScriptOptions {
  readonly directory: string;
  /** Alembic-style file name template; default {@link DEFAULT_FILE_TEMPLATE}. */
  readonly fileTemplate?: string;
  /** The script template's text (`script.ts.tmpl`). */
  readonly template: string;
  /** Default "ts". */
  readonly format?: ScriptFormat;
  /** Default ".ts" or ".sql" after the format. */
  readonly extension?: string;
  readonly header: RevisionHeader;
  /** Creation time for the file name and `${createDate}`; default now. */
  readonly date?: Date;
  /** IANA zone for the dates; default UTC. */
  readonly timezone?: string;
  /** The lines of `upgrade()`'s and `downgrade()`'s bodies (autogenerate's operations), and their import. */
  readonly imports?: string | undefined;
  readonly upgrades?: readonly string[] | undefined;
  readonly downgrades?: readonly string[] | undefined;
}

/**
 * Renders a new migration and writes it atomically: the text goes to a hidden temp file
 * that is then hard-linked into place, so the script appears whole or not at all, and an
 * existing file is never replaced. Returns the new file's absolute path.
 */
export function writeScript(options: WriteScriptOptions): string {
  const format = options.format ?? "ts";
  const date = options.date ?? new Date();
  const directory = resolve(options.directory);
  const stat = statSync(directory, { throwIfNoEntry: false });
  if (!stat?.isDirectory())
    throw new ScriptLocationError(directory, stat ? "not_a_directory" : "missing");

  const name =
    renderFileName(options.fileTemplate ?? DEFAULT_FILE_TEMPLATE, {
      rev: options.header.revision,
      slug: slugify(options.header.message),
      date,
      ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
    }) + (options.extension ?? `.${format}`);
  if (/[/\\]/.test(name) || scriptFormat(name) !== format) {
    throw new TemplateError(
      `The file template gives '${name}', which mig would not load as a migration.`,
      "Keep / and \\ out of fileTemplate and --rev-id, do not start the name with a dot, and keep the .ts/.mts/.js/.mjs or .sql extension.",
    );
  }
  const content = renderScript(options.template, format, {
    header: options.header,
    createDate: date,
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
    imports: options.imports,
    upgrades: options.upgrades,
    downgrades: options.downgrades,
  });
  checkRenderedScript(content, format, options.header, options.template);

  const target = join(directory, name);
  const temp = join(directory, `.${name}.${process.pid}.${randomHex(4)}.tmp`);
  const fd = openTemp(temp, directory);
  try {
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    publish(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
  return target;
}

/** The temp file's name means nothing to a user: a refusal names the directory. */
function openTemp(temp: string, directory: string): number {
  try {
    return openSync(temp, "wx");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS")
      throw new ScriptLocationNotWritableError(directory, error);
    throw error;
  }
}

/** link() refuses an existing target atomically; rename() is the fallback where links are unsupported. */
function publish(temp: string, target: string): void {
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new ScriptExistsError(target);
    if (
      code !== "EPERM" &&
      code !== "ENOTSUP" &&
      code !== "EOPNOTSUPP" &&
      code !== "ENOSYS" &&
      code !== "EXDEV"
    )
      throw error;
    if (existsSync(target)) throw new ScriptExistsError(target);
    renameSync(temp, target);
  }
}
