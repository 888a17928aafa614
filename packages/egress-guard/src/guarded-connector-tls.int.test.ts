import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';
import { egressPolicy } from './egress-policy.js';
import { guardedConnector } from './guarded-connector.js';
import type { Resolver } from './guarded-resolve.js';

// The connector hands undici an IP address, so TLS must still be checked against the host
// name: SNI carries the name and the certificate must be valid for it. A real HTTPS server on
// loopback with a certificate for "hooks.test.invalid" (made with the openssl CLI) shows both.

const run = promisify(execFile);
const NAME = 'hooks.test.invalid';
let dir: string;
let server: Server;
let port: number;
let ca: Buffer;
const serverNames: Array<string | false | null> = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'egress-tls-'));
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    `/CN=${NAME}`,
    '-addext',
    `subjectAltName=DNS:${NAME}`,
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ]);
  ca = readFileSync(join(dir, 'cert.pem'));
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (_request, response) =>
    response.end('tls ok'),
  );
  server.on('secureConnection', (socket) => serverNames.push(socket.servername));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const toLoopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
const policy = egressPolicy({ mode: 'production', allowCidrs: ['127.0.0.0/8'] });

async function get(agent: Agent, url: string) {
  try {
    const response = await request(url, { dispatcher: agent });
    return await response.body.text();
  } finally {
    await agent.close();
  }
}

describe('guardedConnector over TLS', () => {
  it('sends the host name as SNI and verifies the certificate for it', async () => {
    const onPort = { ...policy, allowedPorts: new Set([port]) };
    const agent = new Agent({ connect: guardedConnector(onPort, { resolve: toLoopback, tls: { ca } }) });
    assert.equal(await get(agent, `https://${NAME}:${port}/`), 'tls ok');
    assert.equal(serverNames.at(-1), NAME);
  });

  it('refuses a certificate that is not valid for the name', async () => {
    const onPort = { ...policy, allowedPorts: new Set([port]) };
    const agent = new Agent({ connect: guardedConnector(onPort, { resolve: toLoopback, tls: { ca } }) });
    await assert.rejects(
      get(agent, `https://other.test.invalid:${port}/`),
      /altnames|Hostname\/IP does not match/,
    );
  });
});
