import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { egressPolicy } from './egress-policy.js';
import { guardedConnector } from './guarded-connector.js';
import type { Resolver } from './guarded-resolve.js';

/** A real receiver on loopback that counts the TCP connections it accepts. */
let server: Server;
let port: number;
let connections = 0;

before(async () => {
  server = createServer((_request, response) => response.end('ok'));
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Answers 127.0.0.1 for a public-looking name and counts how often it is asked. */
function rebindingResolver(): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve: Resolver = async (hostname) => {
    calls.push(hostname);
    return [{ address: '127.0.0.1', family: 4 }];
  };
  return Object.assign(resolve, { calls });
}

async function post(agent: Agent, url: string) {
  try {
    const response = await request(url, { method: 'POST', body: '{}', dispatcher: agent });
    return { status: response.statusCode, body: await response.body.text() };
  } finally {
    await agent.close();
  }
}

describe('guardedConnector against a real local server', () => {
  it('refuses to connect to a loopback literal in production; the server sees no connection', async () => {
    const before = connections;
    const agent = new Agent({
      connect: guardedConnector(egressPolicy({ mode: 'production', allowedPorts: [port] })),
    });
    await assert.rejects(post(agent, `http://127.0.0.1:${port}/hook`), (error: unknown) => {
      assert.equal((error as { code?: string }).code, 'EGRESS_REFUSED');
      assert.match((error as Error).message, /127\.0\.0\.1: it is a loopback address/);
      return true;
    });
    assert.equal(connections, before);
  });

  it('refuses a public-looking name whose resolver answers loopback; the server sees no connection', async () => {
    const before = connections;
    const resolve = rebindingResolver();
    const policy = egressPolicy({ mode: 'production', allowHttp: true, allowedPorts: [port] });
    const agent = new Agent({ connect: guardedConnector(policy, { resolve }) });
    await assert.rejects(
      post(agent, `http://hooks.customer-example.com:${port}/hook`),
      /EGRESS|refused to connect/,
    );
    assert.equal(connections, before);
    assert.deepEqual(resolve.calls, ['hooks.customer-example.com']);
  });

  it('connects to exactly the address it checked, with no second lookup', async () => {
    // The name does not exist in any real DNS: the request can only succeed if the socket
    // goes to the address the fake resolver answered and checked.
    const before = connections;
    const resolve = rebindingResolver();
    const policy = egressPolicy({
      mode: 'production',
      allowHttp: true,
      allowedPorts: [port],
      allowCidrs: ['127.0.0.0/8'],
    });
    const agent = new Agent({ connect: guardedConnector(policy, { resolve }) });
    const response = await post(agent, `http://hooks.customer-example.invalid:${port}/hook`);
    assert.deepEqual(response, { status: 200, body: 'ok' });
    assert.equal(connections, before + 1);
    assert.deepEqual(resolve.calls, ['hooks.customer-example.invalid']);
  });

  it('delivers to a local receiver in development mode', async () => {
    const agent = new Agent({ connect: guardedConnector(egressPolicy({ mode: 'development' })) });
    assert.deepEqual(await post(agent, `http://127.0.0.1:${port}/hook`), { status: 200, body: 'ok' });
  });
});
