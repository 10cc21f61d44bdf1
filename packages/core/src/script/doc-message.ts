// A script's message from its leading doc comment: the first paragraph, its lines joined
// with spaces (Alembic takes the first paragraph of the module docstring). The template
// writes a comment end in the message as `*\/`, which is turned back here.
export function docMessage(doc: string | undefined): string {
  if (doc === undefined) return "";
  let message: string;
  if (!doc.includes("\n")) {
    message = doc.trim();
  } else {
    const words: string[] = [];
    for (const [i, raw] of doc.split("\n").entries()) {
      const line = (i === 0 ? raw : raw.replace(/^\s*\*/, "")).trim();
      if (line === "" && words.length > 0) break;
      if (line !== "") words.push(line);
    }
    message = words.join(" ");
  }
  return message.includes("*\\/") ? message.replaceAll("*\\/", "*/") : message;
}
