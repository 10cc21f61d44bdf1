import { readFileSync } from "node:fs";
import { nodeBuiltin } from "./node-builtin.js";

let crypto: typeof import("node:crypto") | undefined;

/**
 * The checksum the applied log keeps of a script: SHA-256 (hex) of its text with line
 * endings as `\n`, trailing whitespace cut from each line and trailing blank lines dropped,
 * so an editor's or git's line-ending and whitespace changes do not count as edits.
 */
export function scriptChecksum(content: string): string {
  const lines = content.split(/\r\n|\r|\n/).map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return sha256Hex(lines.join("\n"));
}

/** SHA-256 of `text` in hex. */
export function sha256Hex(text: string): string {
  // Loaded on first use: a command that hashes nothing should not pay for node:crypto.
  crypto ??= nodeBuiltin<typeof import("node:crypto")>("node:crypto");
  return crypto.createHash("sha256").update(text).digest("hex");
}

/** The checksum of the script file at `path`. */
export function scriptFileChecksum(path: string): string {
  return scriptChecksum(readFileSync(path, "utf8"));
}
