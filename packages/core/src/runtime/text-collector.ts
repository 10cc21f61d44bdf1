// Pieces are joined in the heap up to this many characters, then encoded out in one piece.
const CHUNK = 1 << 15;

/**
 * Collects a run's offline SQL as UTF-8 bytes outside the JavaScript heap: tens of thousands
 * of small strings kept until the end would be copied by every garbage collection meanwhile.
 * The chunks are joined once at the end (no copy per growth), and `bytes()` gives them to a
 * writer without decoding megabytes into a string only to encode them again.
 */
export class TextCollector {
  readonly #chunks: Buffer[] = [];
  #pending = "";

  readonly write = (text: string): void => {
    this.#pending += text;
    if (this.#pending.length >= CHUNK) this.#flush();
  };

  /** Everything written, as UTF-8. */
  bytes(): Buffer {
    this.#flush();
    const chunks = this.#chunks;
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }

  text(): string {
    return this.bytes().toString("utf8");
  }

  #flush(): void {
    if (this.#pending === "") return;
    this.#chunks.push(Buffer.from(this.#pending, "utf8"));
    this.#pending = "";
  }
}
