// Its own file so output.ts can end the bar without importing progress.ts (which prints through Output).
let barOpen = false;

/** Records whether a progress bar line is open on stderr (no newline yet). */
export function markProgressLine(open: boolean): void {
  barOpen = open;
}

/** Ends an unfinished progress bar line, so an error starts on a line of its own. */
export function closeProgressLine(): void {
  if (barOpen) process.stderr.write("\n");
  barOpen = false;
}
