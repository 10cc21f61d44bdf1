// Pieces are joined in the heap up to this many characters, then copied out in one write.
const CHUNK = 1 << 15;

/**
 * Collects a run's offline SQL as UTF-8 bytes outside the JavaScript heap: tens of thousands
 * of small strings kept until the end would be copied by every garbage collection meanwhile.
 */
export class TextCollector {
  #buffer = Buffer.allocUnsafe(1 << 16);
  #length = 0;
  #pending = "";

  readonly write = (text: string): void => {
    this.#pending += text;
    if (this.#pending.length >= CHUNK) this.#flush();
  };

  text(): string {
    this.#flush();
    return this.#buffer.toString("utf8", 0, this.#length);
  }

  #flush(): void {
    const text = this.#pending;
    this.#pending = "";
    // At most 3 bytes per UTF-16 unit.
    const need = this.#length + text.length * 3;
    if (need > this.#buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, need));
      this.#buffer.copy(grown, 0, 0, this.#length);
      this.#buffer = grown;
    }
    this.#length += this.#buffer.write(text, this.#length, "utf8");
  }
}
