/**
 * The bench's receiver, a process of its own so its CPU use is measured apart from the load
 * generator's. Each endpoint (a label) is a real HTTP server on its own loopback port, so
 * endpoints are distinct origins, as distinct customers are. It answers 200 at once (or after
 * `delayMs`, for the slow endpoint), verifies Standard Webhooks signatures with the receiver
 * SDK, and records every request. The parent asks for counts and receipts over IPC.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { verifyWebhook } from '@hookstream/signatures/verify';
import { phaseOfEventId } from './harness/bench-events.js';
import type { Envelope, ReceiverAnswer, ReceiverRequest, WireReceipt } from './harness/receiver-protocol.js';

interface Endpoint {
  delayMs: number;
  secret: string | null;
  receipts: WireReceipt[];
  /** Distinct webhook-ids per phase (from the event id), for the bench's completion checks. */
  seen: Map<string, Set<string>>;
}

const endpoints = new Map<string, Endpoint>();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function record(endpoint: Endpoint, request: IncomingMessage, body: Buffer): void {
  const receivedAtMs = Date.now();
  let eventId = '';
  let sentAtMs = Number.NaN;
  try {
    // The platform's payload carries occurredAt as `timestamp`; the raw baseline posts the envelope.
    const parsed = JSON.parse(body.toString('utf8')) as {
      id?: string;
      timestamp?: string;
      occurredAt?: string;
    };
    eventId = parsed.id ?? '';
    sentAtMs = Date.parse(parsed.timestamp ?? parsed.occurredAt ?? '');
  } catch {
    // Counted with an empty id: shows up as "unexpected" in the accounting.
  }
  const header = request.headers['webhook-id'];
  const webhookId = typeof header === 'string' ? header : eventId;
  let signature = -1;
  if (endpoint.secret !== null) signature = verifyWebhook(body, request.headers, endpoint.secret).ok ? 1 : 0;
  endpoint.receipts.push([eventId, webhookId, sentAtMs, receivedAtMs, signature]);
  const phase = phaseOfEventId(eventId) ?? '';
  let seen = endpoint.seen.get(phase);
  if (!seen) {
    seen = new Set();
    endpoint.seen.set(phase, seen);
  }
  seen.add(webhookId);
}

async function open(label: string, delayMs: number, secret: string | null): Promise<number> {
  const endpoint: Endpoint = { delayMs, secret, receipts: [], seen: new Map() };
  endpoints.set(label, endpoint);
  const server = createServer((request, response) => {
    readBody(request).then(
      (body) => {
        record(endpoint, request, body);
        if (endpoint.delayMs > 0) setTimeout(() => response.writeHead(200).end(), endpoint.delayMs);
        else response.writeHead(200).end();
      },
      () => response.destroy(),
    );
  });
  // Deliveries reuse connections; keep them longer than any pause between phases.
  server.keepAliveTimeout = 60_000;
  server.maxConnections = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

async function handle(request: ReceiverRequest): Promise<ReceiverAnswer> {
  switch (request.op) {
    case 'open':
      return { port: await open(request.label, request.delayMs, request.secret) };
    case 'secret': {
      const endpoint = endpoints.get(request.label);
      if (!endpoint) return { error: `no endpoint ${request.label}` };
      endpoint.secret = request.secret;
      return { ok: true };
    }
    case 'counts':
      return {
        counts: Object.fromEntries(
          request.labels.map((label) => [label, endpoints.get(label)?.seen.get(request.phase)?.size ?? 0]),
        ),
      };
    case 'drain':
      return { receipts: endpoints.get(request.label)?.receipts ?? [] };
    case 'loop': {
      const answer = {
        eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        eventLoopDelayMaxMs: loopDelay.max / 1e6,
      };
      loopDelay.reset();
      return answer;
    }
  }
}

process.on('message', (message: Envelope<ReceiverRequest>) => {
  handle(message.body).then(
    (body) => process.send?.({ id: message.id, body }),
    (error: unknown) => process.send?.({ id: message.id, body: { error: String(error) } }),
  );
});
// The bench going away (even by SIGKILL) closes the channel: never outlive it.
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, body: { ok: true } });
