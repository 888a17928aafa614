import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait-for.js';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as received, for signature checks. */
  rawBody: Buffer;
  receivedAt: number;
}

export interface ReceiverReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering, in ms (to test timeouts and slow endpoints). */
  delayMs?: number;
}

export interface TestReceiver {
  /** http://127.0.0.1:<port> (add a path if you like). */
  url: string;
  requests: ReceivedRequest[];
  /** Resolves once at least `count` requests arrived; bounded by `timeoutMs`. */
  waitForRequests: (count: number, timeoutMs?: number) => Promise<ReceivedRequest[]>;
  close: () => Promise<void>;
}

/**
 * A real HTTP endpoint on loopback, port chosen by the OS. `reply` decides each answer
 * (default 200), so a test can script failures: 500 twice then 200, a 410, a slow answer.
 */
export async function startReceiver(
  reply: (request: ReceivedRequest, index: number) => ReceiverReply = () => ({ status: 200 }),
): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? 'GET',
        path: incoming.url ?? '/',
        headers: incoming.headers,
        rawBody: Buffer.concat(chunks),
        receivedAt: Date.now(),
      };
      const index = requests.push(request) - 1;
      const answer = reply(request, index);
      const send = () => {
        if (outgoing.destroyed) return;
        outgoing.writeHead(answer.status, answer.headers);
        outgoing.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitForRequests: (count, timeoutMs = 20_000) =>
      waitFor(() => (requests.length >= count ? requests.slice() : undefined), {
        timeoutMs,
        description: `${count} requests at the receiver (got ${requests.length})`,
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
