import { MigError } from "../errors/mig-error.js";

/** A migration's header cannot be read statically; names the file and, when known, the line. */
export class HeaderParseError extends MigError {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, line: number | undefined, problem: string, hint: string) {
    super("header_parse", `${line === undefined ? file : `${file}:${line}`}: ${problem}`, { hint });
    this.name = "HeaderParseError";
    this.file = file;
    this.line = line;
  }
}

/** A script location (`scriptLocation` / `versionLocations`) is missing or not a directory. */
export class ScriptLocationError extends MigError {
  readonly location: string;

  constructor(location: string, problem: "missing" | "not_a_directory") {
    super(
      "script_location",
      problem === "missing"
        ? `The migrations directory ${location} does not exist.`
        : `The migrations location ${location} is not a directory.`,
      {
        usage: true,
        // Not `mig init`: it refuses a directory that has a config, and a config named this.
        hint:
          problem === "missing"
            ? `Create it (mkdir -p ${location}), or fix \`scriptLocation\` / \`versionLocations\` in mig.config.`
            : "Fix `scriptLocation` / `versionLocations` in mig.config to name a directory.",
      },
    );
    this.name = "ScriptLocationError";
    this.location = location;
  }
}

/** The migrations directory exists but this process may not create files in it. */
export class ScriptLocationNotWritableError extends MigError {
  readonly location: string;

  constructor(location: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === "EROFS" ? "it is on a read-only file system" : "permission denied";
    super("script_location_not_writable", `Cannot create a migration in ${location}: ${why}.`, {
      hint: "Give this user write access to that directory, or point `scriptLocation` / --version-path at one it can write.",
      cause,
    });
    this.name = "ScriptLocationNotWritableError";
    this.location = location;
  }
}

/** `writeScript` refused to overwrite a file that is already there. */
export class ScriptExistsError extends MigError {
  readonly path: string;

  constructor(path: string) {
    super("script_exists", `A migration file ${path} already exists.`, {
      hint: "Pick another message or --rev-id, or move the existing file away.",
    });
    this.name = "ScriptExistsError";
    this.path = path;
  }
}

/** A `fileTemplate`, script template or timezone setting that cannot be rendered. */
export class TemplateError extends MigError {
  constructor(message: string, hint: string) {
    super("template", message, { hint });
    this.name = "TemplateError";
  }
}
