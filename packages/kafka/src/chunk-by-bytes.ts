import type { Message } from 'kafkajs';

/**
 * Most bytes one produce request of ours carries (keys, values and headers). Under the broker's
 * default 1 MiB request and record-batch limits, with room for protocol overhead; a single
 * larger record travels alone, into topics whose max.message.bytes allows it.
 */
export const PRODUCE_BUDGET_BYTES = 512 * 1024;

/** Bytes a message adds to a produce request: key, value and headers, as UTF-8 (overhead ignored). */
export function messageBytes(message: Message): number {
  let size = sizeOf(message.key) + sizeOf(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    size += Buffer.byteLength(name);
    for (const item of Array.isArray(value) ? value : [value]) size += sizeOf(item ?? null);
  }
  return size;
}

function sizeOf(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/**
 * Splits messages into groups of at most `budgetBytes` each (a message larger than the budget
 * travels alone), so no single produce request exceeds what the broker accepts. Order is kept,
 * so per-key order survives when the groups are sent one after another. Used by the router's
 * transactional fan-out and by the API's outbox relay.
 */
export function chunkByBytes<M extends Message>(messages: readonly M[], budgetBytes: number): M[][] {
  const chunks: M[][] = [];
  let current: M[] = [];
  let size = 0;
  for (const message of messages) {
    const bytes = messageBytes(message);
    if (current.length > 0 && size + bytes > budgetBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
