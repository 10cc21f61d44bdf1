import { describe, expect, it } from "vitest";
import { scriptChecksum } from "./script-checksum.js";

const base = scriptChecksum("a\nb\n");

describe("scriptChecksum", () => {
  it.each([
    ["CRLF line endings", "a\r\nb\r\n"],
    ["CR line endings", "a\rb\r"],
    ["trailing spaces and tabs", "a  \nb\t\n"],
    ["trailing blank lines", "a\nb\n\n\n  \n"],
    ["no final newline", "a\nb"],
  ])("ignores %s", (_what, text) => {
    expect(scriptChecksum(text)).toBe(base);
  });

  it.each([
    ["a changed line", "a\nc\n"],
    ["leading whitespace", "  a\nb\n"],
    ["an inner blank line", "a\n\nb\n"],
    ["a leading blank line", "\na\nb\n"],
  ])("sees %s", (_what, text) => {
    expect(scriptChecksum(text)).not.toBe(base);
  });

  it("is SHA-256 hex of the normalised text", () => {
    expect(scriptChecksum("")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
