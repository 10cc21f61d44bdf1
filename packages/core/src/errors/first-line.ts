/**
 * The first line of what was thrown: an error's message, or the value as text. Error
 * messages quote a driver's or compiler's message, whose further lines (a code frame, a
 * hint, a stack) are for --verbose.
 */
export function firstLine(thrown: unknown): string {
  const text = thrown instanceof Error ? thrown.message : String(thrown);
  const end = text.indexOf("\n");
  return end < 0 ? text : text.slice(0, end);
}
