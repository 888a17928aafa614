import { createServer, type Server } from 'node:http';
import { verifyWebhook } from '@hookstream/signatures/verify';

export interface VerifiedDelivery {
  webhookId: string;
  type: string;
  eventId: string;
}

/**
 * What a customer's endpoint looks like: it reads the RAW body (never re-serialised JSON),
 * verifies the Standard Webhooks signature with the receiver SDK, deduplicates on webhook-id,
 * and answers 2xx only for what it accepted.
 */
export async function startDemoReceiver(
  port: number,
  secret: () => string | undefined,
  onDelivery: (delivery: VerifiedDelivery) => void,
): Promise<Server> {
  const seen = new Set<string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const currentSecret = secret();
      if (!currentSecret) {
        response.writeHead(503).end('not configured yet');
        return;
      }
      const result = verifyWebhook(rawBody, request.headers, currentSecret);
      if (!result.ok) {
        console.log(`✘ rejected delivery: ${result.error.code} (${result.error.message})`);
        response.writeHead(401).end(result.error.code);
        return;
      }
      const body = JSON.parse(rawBody.toString('utf8')) as { id: string; type: string };
      // Standard Webhooks always sends webhook-id; other schemes may not, so fall back to the event id.
      const webhookId = result.id ?? body.id;
      const duplicate = seen.has(webhookId);
      seen.add(webhookId);
      console.log(
        `✔ ${body.type.padEnd(28)} ${body.id}  webhook-id ${webhookId}  signature verified${duplicate ? ' (duplicate, ignored)' : ''}`,
      );
      if (!duplicate) onDelivery({ webhookId, type: body.type, eventId: body.id });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
