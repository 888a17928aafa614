import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { egressPolicy } from './egress-policy.js';
import { EgressRefusedError, type Resolver, resolveChecked } from './guarded-resolve.js';

const production = egressPolicy({ mode: 'production' });

/** A resolver that answers from a table, like a DNS server an attacker controls. */
function fakeResolver(answers: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const addresses = answers[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

describe('resolveChecked', () => {
  it('refuses a public-looking name that resolves to a private address', async () => {
    const resolve = fakeResolver({ 'hooks.customer-example.com': ['10.0.0.7'] });
    await assert.rejects(resolveChecked('hooks.customer-example.com', production, resolve), (error) => {
      assert.ok(error instanceof EgressRefusedError);
      assert.equal(error.code, 'EGRESS_REFUSED');
      assert.equal(error.category, 'private');
      assert.match(error.message, /10\.0\.0\.7 \(hooks\.customer-example\.com resolved to it\)/);
      return true;
    });
  });

  it('refuses when any one of several answers is private, whatever the order', async () => {
    for (const answers of [
      ['93.184.215.14', '169.254.169.254'],
      ['169.254.169.254', '93.184.215.14'],
      ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::ffff:127.0.0.1'],
    ]) {
      const resolve = fakeResolver({ 'rebind.example': answers });
      await assert.rejects(resolveChecked('rebind.example', production, resolve), EgressRefusedError);
    }
  });

  it('resolves once and returns the checked, canonical address', async () => {
    const resolve = fakeResolver({
      'ok.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    });
    const address = await resolveChecked('ok.example', production, resolve);
    assert.deepEqual(address, { family: 4, text: '93.184.215.14' });
    assert.deepEqual(resolve.calls, ['ok.example']);
  });

  it('checks a literal address without asking the resolver', async () => {
    const resolve = fakeResolver({});
    await assert.rejects(resolveChecked('::ffff:7f00:1', production, resolve), EgressRefusedError);
    assert.deepEqual(await resolveChecked('8.8.8.8', production, resolve), { family: 4, text: '8.8.8.8' });
    assert.deepEqual(resolve.calls, []);
  });

  it('lets an allow-listed private answer through', async () => {
    const onPremise = egressPolicy({ mode: 'production', allowCidrs: ['10.0.0.0/24'] });
    const resolve = fakeResolver({ 'erp.internal.example': ['10.0.0.7'] });
    assert.equal((await resolveChecked('erp.internal.example', onPremise, resolve)).text, '10.0.0.7');
  });

  it('passes resolver failures through unchanged', async () => {
    await assert.rejects(resolveChecked('nxdomain.example', production, fakeResolver({})), /ENOTFOUND/);
  });

  it('treats an empty answer as not found', async () => {
    const resolve = fakeResolver({ 'empty.example': [] });
    await assert.rejects(resolveChecked('empty.example', production, resolve), /has no address/);
  });
});
