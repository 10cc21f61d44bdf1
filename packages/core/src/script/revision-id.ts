/** `bytes` random bytes as hex. Web Crypto, loaded on first use: importing node:crypto costs every command several ms. */
export function randomHex(bytes: number): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString("hex");
}

/** A new revision id: 12 random lowercase hex characters, like Alembic's `uuid4().hex[-12:]`. */
export function newRevisionId(): string {
  return randomHex(6);
}
