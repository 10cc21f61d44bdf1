export type { Script, ScriptFormat, ScriptInfo } from "./script-info.js";
export { HeaderParseError, ScriptExistsError, ScriptLocationError, TemplateError } from "./script-errors.js";
export { readTsHeader } from "./read-ts-header.js";
export { readSqlHeader } from "./read-sql-header.js";
export { splitSqlScript, type SqlScriptParts } from "./split-sql-script.js";
export { loadScripts, readScriptInfo, type LoadScriptsOptions } from "./script-directory.js";
export { scriptFormat } from "./list-script-files.js";
export { newRevisionId } from "./revision-id.js";
export { DEFAULT_FILE_TEMPLATE, SLUG_LENGTH, renderFileName, slugify, type FileNameValues } from "./file-template.js";
export {
  DEFAULT_SQL_TEMPLATE,
  DEFAULT_TS_TEMPLATE,
  TEMPLATE_FILE_NAMES,
  renderScript,
  type ScriptTemplateValues,
} from "./script-template.js";
export { writeScript, type WriteScriptOptions } from "./write-script.js";
