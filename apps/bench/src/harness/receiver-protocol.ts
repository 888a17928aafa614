/** Requests the bench sends to its receiver process over the IPC channel, and the answers. */
export type ReceiverRequest =
  | { op: 'open'; label: string; delayMs: number; secret: string | null }
  | { op: 'secret'; label: string; secret: string }
  | { op: 'counts'; labels: string[]; phase: string }
  | { op: 'drain'; label: string }
  | { op: 'loop' };

/** A receipt as sent over IPC: [eventId, webhookId, sentAtMs, receivedAtMs, signature 1/0/-1]. */
export type WireReceipt = [string, string, number, number, number];

export type ReceiverAnswer =
  | { port: number }
  | { counts: Record<string, number> }
  | { receipts: WireReceipt[] }
  | { eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number }
  | { ok: true }
  | { error: string };

export interface Envelope<T> {
  id: number;
  body: T;
}
