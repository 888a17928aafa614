import type { Message } from 'kafkajs';

/** Bytes a message adds to a produce request: key, value and headers (overhead ignored). */
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
 * travels alone), so no single produce request of a batch's output exceeds what the broker
 * accepts. Order is kept.
 */
export function chunkByBytes(messages: readonly Message[], budgetBytes: number): Message[][] {
  const chunks: Message[][] = [];
  let current: Message[] = [];
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
