import { readFileSync } from "node:fs";
import { HeaderParseError } from "./script-errors.js";

const strict = new TextDecoder("utf-8", { fatal: true });

/**
 * A migration read as UTF-8 where the file is not (Latin-1, Windows-1252) would run with
 * U+FFFD in place of each such byte: `'café'` stored as `'caf�'`. A text holding U+FFFD is
 * read again strictly, and refused with the line of the first bad byte unless it is valid.
 */
export function refuseNotUtf8(text: string, path: string, shown: string): void {
  if (!text.includes("\uFFFD")) return;
  // A real U+FFFD, written on purpose, is valid.
  const bad = notUtf8At(readFileSync(path));
  if (!bad) return;
  throw new HeaderParseError(
    shown,
    bad.line,
    `not UTF-8 (byte 0x${bad.byte}); mig reads migrations as UTF-8`,
    SAVE_AS_UTF8,
  );
}

export const SAVE_AS_UTF8 =
  "Save the file as UTF-8 (most editors: File > Save with Encoding > UTF-8).";

/** Where `bytes` stop being UTF-8: the line and the first bad byte (hex); undefined if they are. */
export function notUtf8At(bytes: Uint8Array): { line: number; byte: string } | undefined {
  try {
    strict.decode(bytes);
    return undefined;
  } catch {
    const at = firstBadByte(bytes);
    const line = bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
    return { line, byte: bytes[at]!.toString(16).toUpperCase().padStart(2, "0") };
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstBadByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length =
      b < 0x80
        ? 1
        : b >= 0xc2 && b < 0xe0
          ? 2
          : b >= 0xe0 && b < 0xf0
            ? 3
            : b >= 0xf0 && b < 0xf5
              ? 4
              : 0;
    if (length === 0) return i;
    try {
      strict.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return 0;
}
