/**
 * The first line of what was thrown: an error's message, or the value as text. Error
 * messages quote a driver's or compiler's message, whose further lines (a code frame, a
 * hint, a stack) are for --verbose.
 */
export function firstLine(thrown: unknown): string {
  const text = thrownMessage(thrown);
  const end = text.indexOf("\n");
  return end < 0 ? text : text.slice(0, end);
}

/** What was thrown, as text: an error's message, or the value (never "[object Object]"). */
export function thrownMessage(thrown: unknown): string {
  return thrown instanceof Error ? String(thrown.message) : thrownText(thrown);
}

const MAX_JSON = 200;

/**
 * A thrown value that is not an Error, as text: a string as it is, an object as JSON
 * (`{"code":42}`, not "[object Object]"), and one that cannot be printed (no prototype, a
 * cycle) described rather than failing again while the failure is reported.
 */
function thrownText(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    try {
      const json = JSON.stringify(value);
      if (json !== undefined && json !== "{}") {
        return json.length > MAX_JSON ? `${json.slice(0, MAX_JSON)}…` : json;
      }
    } catch {
      // A cycle or a throwing toJSON: described below.
    }
    return "an object that is not an Error was thrown";
  }
  try {
    return String(value);
  } catch {
    return "a value that cannot be printed was thrown";
  }
}
