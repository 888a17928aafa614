import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { signWebhook } from '../signing/sign-webhook.js';
import { MemoryReplayGuard } from './replay-guard.js';
import { verifyWebhook } from './verify-webhook.js';

/**
 * The README's node:http receiver, run for real on port 0: raw bytes in, `req.headers` as Node
 * gives them, 204 when verified, 401 otherwise. Also shows why verifying re-serialised JSON fails.
 */
const SECRET = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';

async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

let server: Server;
let url: string;
const replayGuard = new MemoryReplayGuard();

before(async () => {
  server = createServer(async (req, res) => {
    const raw = await readRawBody(req);
    // The classic mistake, on request: verify JSON that was parsed and serialised again.
    const body = req.url === '/reserialised' ? JSON.stringify(JSON.parse(raw.toString('utf8'))) : raw;
    const result = verifyWebhook(body, req.headers, SECRET, { replayGuard });
    res.writeHead(result.ok ? 204 : 401, { 'x-reason': result.ok ? 'ok' : result.error.code }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(url + path, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return [res.status, res.headers.get('x-reason')] as const;
}

describe('a node:http receiver', () => {
  // Pretty-printed on purpose: a sender's bytes need not be compact for the raw-body check to pass.
  const body = '{\n  "type": "card.created",\n  "data": { "id": "card_123", "amount": 1.50 }\n}';

  test('accepts a genuine delivery once, then refuses the replay', async () => {
    const headers = signWebhook({ msgId: 'msg_http_1', body, secrets: SECRET });
    assert.deepEqual(await post('/', body, headers), [204, 'ok']);
    assert.deepEqual(await post('/', body, headers), [401, 'replayed']);
  });

  test('refuses a tampered body', async () => {
    const headers = signWebhook({ msgId: 'msg_http_2', body, secrets: SECRET });
    assert.deepEqual(await post('/', body.replace('1.50', '9.50'), headers), [401, 'no_matching_signature']);
  });

  test('re-serialised JSON does not verify: verify the raw bytes', async () => {
    const headers = signWebhook({ msgId: 'msg_http_3', body, secrets: SECRET });
    assert.deepEqual(await post('/reserialised', body, headers), [401, 'no_matching_signature']);
  });
});
