import { fileURLToPath } from 'node:url';
import type { Receipt } from '../stats/accounting.js';
import { ChildChannel } from './child-channel.js';
import type { ReceiverAnswer, ReceiverRequest } from './receiver-protocol.js';

function expect<K extends string>(
  answer: ReceiverAnswer,
  key: K,
): Extract<ReceiverAnswer, Record<K, unknown>> {
  if ('error' in answer) throw new Error(`receiver: ${answer.error}`);
  if (!(key in answer)) throw new Error(`receiver answered without ${key}`);
  return answer as Extract<ReceiverAnswer, Record<K, unknown>>;
}

/** The bench's side of the receiver process. */
export class ReceiverClient {
  private constructor(readonly channel: ChildChannel<ReceiverRequest, ReceiverAnswer>) {}

  static async start(): Promise<ReceiverClient> {
    const entry = fileURLToPath(new URL('../receiver-main.js', import.meta.url));
    return new ReceiverClient(await ChildChannel.start('receiver', entry));
  }

  get pid(): number | undefined {
    return this.channel.pid;
  }

  /** Opens an endpoint; returns its URL. `delayMs` > 0 makes it answer that late. */
  async open(label: string, delayMs = 0, secret: string | null = null): Promise<string> {
    const { port } = expect(await this.channel.request({ op: 'open', label, delayMs, secret }), 'port');
    return `http://127.0.0.1:${port}/hook/${label}`;
  }

  async setSecret(label: string, secret: string): Promise<void> {
    expect(await this.channel.request({ op: 'secret', label, secret }), 'ok');
  }

  /** Distinct webhook-ids received so far per label for events of `phase`. */
  async counts(labels: string[], phase: string): Promise<Record<string, number>> {
    return expect(await this.channel.request({ op: 'counts', labels, phase }), 'counts').counts;
  }

  async receipts(label: string): Promise<Receipt[]> {
    const { receipts } = expect(await this.channel.request({ op: 'drain', label }, 120_000), 'receipts');
    return receipts.map(([eventId, webhookId, sentAtMs, receivedAtMs, signature]) => ({
      eventId,
      webhookId,
      sentAtMs,
      receivedAtMs,
      signatureOk: signature === -1 ? null : signature === 1,
    }));
  }

  /** The receiver's event-loop delay since the last call: high values mean it was the bottleneck. */
  async loopDelay(): Promise<{ eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number }> {
    return expect(await this.channel.request({ op: 'loop' }), 'eventLoopDelayP99Ms');
  }

  stop(): Promise<void> {
    return this.channel.stop();
  }
}
