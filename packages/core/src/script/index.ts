export {
  DEFAULT_FILE_TEMPLATE,
  type FileNameValues,
  renderFileName,
  SLUG_LENGTH,
  slugify,
} from "./file-template.js";
export { scriptFormat } from "./list-script-files.js";
export { readSqlHeader } from "./read-sql-header.js";
export { readTsHeader } from "./read-ts-header.js";
export { newRevisionId } from "./revision-id.js";
export { scriptChecksum, scriptFileChecksum } from "./script-checksum.js";
export { type LoadScriptsOptions, loadScripts, readScriptInfo } from "./script-directory.js";
export {
  HeaderParseError,
  ScriptExistsError,
  ScriptLocationError,
  ScriptLocationNotWritableError,
  TemplateError,
} from "./script-errors.js";
export type { Script, ScriptFormat, ScriptInfo } from "./script-info.js";
export {
  DEFAULT_SQL_TEMPLATE,
  DEFAULT_TS_TEMPLATE,
  EMPTY_BODIES,
  missingBodyPlaceholders,
  renderScript,
  type ScriptTemplateValues,
  TEMPLATE_FILE_NAMES,
} from "./script-template.js";
export { type SqlScriptParts, splitSqlScript } from "./split-sql-script.js";
export { type WriteScriptOptions, writeScript } from "./write-script.js";
