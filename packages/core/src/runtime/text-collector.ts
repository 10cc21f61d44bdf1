// Pieces are joined in the heap up to this many characters, then encoded out in one piece.
const CHUNK = 1 << 15;
const FIRST_BLOCK = 1 << 20;
// UTF-8 bytes one UTF-16 code unit can take at most.
const MAX_BYTES = 3;

/**
 * Collects a run's offline SQL as UTF-8 bytes outside the JavaScript heap: tens of thousands
 * of small strings kept until the end would be copied by every garbage collection meanwhile.
 * Each chunk is encoded straight into the free end of a block (no Buffer per chunk); blocks
 * double in size, so the end has a handful of them. `chunks()` gives them to a writer
 * without decoding megabytes into a string only to encode them again.
 */
export class TextCollector {
  readonly #full: Buffer[] = [];
  #block: Buffer | undefined;
  #used = 0;
  #pending = "";

  readonly write = (text: string): void => {
    this.#pending += text;
    if (this.#pending.length >= CHUNK) this.#flush();
  };

  /** Everything written, as UTF-8. */
  bytes(): Buffer {
    const chunks = this.chunks();
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }

  /** Everything written, as UTF-8 pieces in order: for a writer, without joining megabytes first. */
  chunks(): Buffer[] {
    this.#flush();
    const last = this.#block ? this.#block.subarray(0, this.#used) : Buffer.alloc(0);
    return [...this.#full, last];
  }

  text(): string {
    return this.bytes().toString("utf8");
  }

  #flush(): void {
    const text = this.#pending;
    if (text === "") return;
    const room = text.length * MAX_BYTES;
    let block = this.#block;
    if (!block || block.length - this.#used < room) {
      if (block) this.#full.push(block.subarray(0, this.#used));
      block = Buffer.allocUnsafe(Math.max(block ? block.length * 2 : FIRST_BLOCK, room));
      this.#block = block;
      this.#used = 0;
    }
    this.#used += block.write(text, this.#used, "utf8");
    this.#pending = "";
  }
}
