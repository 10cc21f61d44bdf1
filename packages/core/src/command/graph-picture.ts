import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { OptionKeys } from "../config/option-keys.js";
import { openProject, PROJECT_KEYS, type ProjectOptions } from "../config/project.js";
import { maskSecretsOf } from "../connection/database-url-mask.js";
import { firstLine } from "../errors/first-line.js";
import { MigError } from "../errors/mig-error.js";
import type { RunEvents } from "../runtime/run-events.js";
import { assertKnownOptions } from "./call-arguments.js";
import { renderDot } from "./graph-dot.js";
import { renderHtml } from "./graph-html.js";
import { renderMermaid } from "./graph-mermaid.js";
import { graphModel } from "./graph-model.js";

export const GRAPH_FORMATS = ["mermaid", "dot", "html"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphPictureOptions extends ProjectOptions {
  /** Default `mermaid`. */
  readonly format?: GraphFormat | undefined;
  /** Show every revision instead of collapsing plain runs (default false). */
  readonly noCollapse?: boolean | undefined;
  /** Read the database to mark applied revisions (default true; `--no-db` is false). */
  readonly database?: boolean | undefined;
  /** A file to write, through a temporary file and a rename; otherwise only returned. */
  readonly out?: string | undefined;
  readonly events?: RunEvents | undefined;
}

const GRAPH_PICTURE_KEYS: OptionKeys<GraphPictureOptions> = {
  ...PROJECT_KEYS,
  format: true,
  noCollapse: true,
  database: true,
  out: true,
  events: true,
};

export interface GraphPictureResult {
  readonly text: string;
  readonly format: GraphFormat;
  /** Whether applied revisions are marked. */
  readonly applied: boolean;
  /** Why they are not, in one line, when the database was wanted but not read. */
  readonly note?: string;
  /** Boxes drawn and revisions they stand for. */
  readonly nodes: number;
  readonly revisions: number;
  /** The file written, absolute. */
  readonly out?: string;
}

async function tryRows(
  project: Awaited<ReturnType<typeof openProject>>,
  events: RunEvents | undefined,
): Promise<{ rows?: string[]; note?: string }> {
  if (!project.url) {
    return { note: "No database configured: applied revisions are not marked." };
  }
  try {
    // Loaded here, not with the module: `heads` and `history` share its chunk, not its session.
    const rows = await (await import("./current.js")).readRows(project, events);
    const unknown = rows.filter((id) => !project.map.revisions.has(id));
    if (unknown.length) {
      return {
        rows,
        note: `The version table holds ${unknown.join(", ")}, which no script defines.`,
      };
    }
    return { rows };
  } catch (error) {
    const message = firstLine(error);
    return {
      note: `Could not read the database (${maskSecretsOf(message, project.url)}): applied revisions are not marked.`,
    };
  }
}

/** Writes `text` to `file` whole or not at all: a reader never sees half a page. */
function writeWhole(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    // The temp file's name in Node's message would only confuse: say what is wrong with `file`.
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? `the directory ${dirname(file)} does not exist`
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES" || code === "EPERM"
            ? "permission denied"
            : (error as Error).message;
    throw new MigError("write_failed", `Could not write ${file}: ${why}.`, {
      hint: "Give --out a file name in a directory that exists and is writable.",
    });
  }
}

/** The revision graph as a picture, as `mig graph` draws it. */
export async function graphPicture(options: GraphPictureOptions = {}): Promise<GraphPictureResult> {
  assertKnownOptions(
    "graphPicture",
    options,
    GRAPH_PICTURE_KEYS,
    'graphPicture({ format: "dot" })',
  );
  const { format = "mermaid", noCollapse, database, out, events, ...projectOptions } = options;
  if (!GRAPH_FORMATS.includes(format)) {
    throw new MigError("usage", `Unknown graph format '${format}'.`, {
      usage: true,
      hint: `Use one of: ${GRAPH_FORMATS.join(", ")}.`,
    });
  }
  const project = await openProject(projectOptions);
  const read = database === false ? {} : await tryRows(project, events);
  const replaces = new Map<string, readonly string[]>();
  for (const script of project.scripts) {
    if (script.header.replaces?.length)
      replaces.set(script.header.revision, script.header.replaces);
  }
  const model = graphModel(project.map, {
    rows: read.rows,
    collapse: noCollapse !== true,
    replaces,
  });
  const text =
    format === "dot"
      ? renderDot(model)
      : format === "html"
        ? renderHtml(model)
        : renderMermaid(model);
  const file = out === undefined ? undefined : resolve(projectOptions.cwd ?? process.cwd(), out);
  if (file !== undefined) writeWhole(file, text);
  return {
    text,
    format,
    applied: read.rows !== undefined,
    ...(read.note === undefined ? {} : { note: read.note }),
    nodes: model.nodes.length,
    revisions: project.map.size,
    ...(file === undefined ? {} : { out: file }),
  };
}
