import { describe, expect, test } from "vitest";
import { headOf } from "./bundle-store.js";
import { TextCollector } from "./text-collector.js";

describe("TextCollector", () => {
  test("gives back exactly the text written, across chunks and non-ASCII", () => {
    const out = new TextCollector();
    let expected = "";
    for (let i = 0; i < 5000; i++) {
      const piece = `INSERT INTO "t" VALUES ('é${i}✓😀');\n\n`;
      out.write(piece);
      expected += piece;
    }
    expect(out.text()).toBe(expected);
    expect(out.bytes().equals(Buffer.from(expected, "utf8"))).toBe(true);
    expect(new TextCollector().text()).toBe("");
  });

  test("megabytes, across growing blocks, and bytes() taken before more is written", () => {
    const out = new TextCollector();
    const parts: string[] = [];
    for (let i = 0; i < 60000; i++) {
      const piece = `-- ${i} ${"é✓".repeat(i % 50)}\n${"x".repeat(i % 200)}\n`;
      out.write(piece);
      parts.push(piece);
      if (i === 100) expect(out.text()).toBe(parts.join(""));
    }
    const expected = parts.join("");
    expect(expected.length).toBeGreaterThan(4 << 20);
    expect(out.bytes().equals(Buffer.from(expected, "utf8"))).toBe(true);
    // The pieces a writer gets, in order, are the same bytes without joining them.
    const chunks = out.chunks();
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(Buffer.from(expected, "utf8"))).toBe(true);
  });
});

describe("bundle entry header", () => {
  test("async only when the body mentions await", () => {
    expect(headOf("exports.a = 1;")).toBe("function(exports,require){\n");
    expect(headOf("const v = await f();")).toMatch(/^async function/);
    expect(headOf("// await in a comment")).toMatch(/^async function/);
  });
});
