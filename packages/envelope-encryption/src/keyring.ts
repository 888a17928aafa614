/** A key-encryption key: 32 bytes for AES-256, named so ciphertexts can say which one wrapped them. */
export interface KeyEncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

/** Key ids appear inside ciphertexts between "." separators, so they use a safe alphabet. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const KEY_BYTES = 32;

/**
 * The keys this process can unwrap with, and the one it wraps new values with. Rotation without
 * downtime: (1) add the new key to every service, still active = old; (2) switch active to the
 * new key everywhere; (3) run the re-encrypt command; (4) remove the old key.
 */
export class Keyring {
  private readonly byId: ReadonlyMap<string, Buffer>;

  constructor(
    keys: readonly KeyEncryptionKey[],
    readonly activeKeyId: string,
  ) {
    const byId = new Map<string, Buffer>();
    for (const { id, key } of keys) {
      if (!KEY_ID_PATTERN.test(id)) throw new Error(`key id "${id}" must match ${KEY_ID_PATTERN}`);
      if (key.length !== KEY_BYTES)
        throw new Error(`key "${id}" has ${key.length} bytes; AES-256 needs ${KEY_BYTES}`);
      if (byId.has(id)) throw new Error(`key id "${id}" appears twice`);
      byId.set(id, Buffer.from(key));
    }
    if (!byId.has(activeKeyId)) throw new Error(`the active key "${activeKeyId}" is not among the keys`);
    this.byId = byId;
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  key(id: string): Buffer | undefined {
    return this.byId.get(id);
  }

  get activeKey(): Buffer {
    return this.byId.get(this.activeKeyId) as Buffer;
  }
}
