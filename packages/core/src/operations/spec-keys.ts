import { closestName } from "../errors/closest-name.js";
import { MigError } from "../errors/mig-error.js";

// A misspelt option (`nulable: false`) would otherwise be ignored without a word: the column
// made nullable, `mig check` content. Scripts and schema modules run transpiled, unchecked.

/**
 * Refuses the first key of `given` that is neither `listed` (the documented ones, offered in
 * the hint and as "did you mean") nor one of `extra`.
 */
export function refuseUnknownKeys(
  given: object,
  listed: readonly string[],
  extra: readonly string[],
  where: string,
): void {
  for (const key of Object.keys(given)) {
    if (listed.includes(key) || extra.includes(key)) continue;
    const near = closestName(key, listed);
    throw new MigError(
      "invalid_option",
      `${where}: unknown option '${key}'${near ? ` (did you mean '${near}'?)` : ""}.`,
      { usage: true, hint: `Known options: ${listed.join(", ")}.` },
    );
  }
}
