import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { egressPolicy } from './egress-policy.js';
import { checkUrl, type UrlRefusal } from './url-policy.js';

const production = egressPolicy({ mode: 'production' });

describe('checkUrl in production: hostile URLs are refused', () => {
  const hostile: ReadonlyArray<readonly [string, UrlRefusal]> = [
    // The ones from issue 11.
    ['http://169.254.169.254/latest/meta-data/', 'scheme'],
    ['https://169.254.169.254/latest/meta-data/', 'address'],
    ['https://127.0.0.1:8443/', 'address'],
    ['https://[::ffff:127.0.0.1]/', 'address'],
    ['https://2130706433/', 'address'],
    ['https://10.0.0.5/hook', 'address'],
    // Other spellings of loopback and metadata.
    ['https://0x7f.1/', 'address'],
    ['https://017700000001/', 'address'],
    ['https://0177.0.0.1/', 'address'],
    ['https://127.1/', 'address'],
    ['https://0/', 'address'],
    ['https://0.0.0.0/', 'address'],
    ['https://[::1]/', 'address'],
    ['https://[::]/', 'address'],
    ['https://[0:0:0:0:0:ffff:7f00:1]/', 'address'],
    ['https://[::ffff:a9fe:a9fe]/', 'address'],
    ['https://[64:ff9b::a9fe:a9fe]/', 'address'],
    ['https://[64:ff9b::7f00:1]/', 'address'],
    ['https://[2002:7f00:1::]/', 'address'],
    ['https://[fd00:ec2::254]/', 'address'],
    ['https://0xa9fea9fe/', 'address'],
    ['https://2852039166/', 'address'],
    ['https://[fe80::1]/', 'address'],
    ['https://[fd12:3456::1]/', 'address'],
    ['https://100.64.1.1/', 'address'],
    ['https://192.168.0.1/', 'address'],
    ['https://172.16.5.4/', 'address'],
    ['https://224.0.0.1/', 'address'],
    ['https://255.255.255.255/', 'address'],
    ['https://localhost/', 'local-name'],
    ['https://LOCALHOST./', 'local-name'],
    ['https://api.localhost/', 'local-name'],
    // Scheme, userinfo and port.
    ['http://example.com/hook', 'scheme'],
    ['ftp://example.com/', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['gopher://example.com:70/', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['https://user:pass@example.com/', 'userinfo'],
    ['https://user@example.com/', 'userinfo'],
    ['https://:secret@example.com/', 'userinfo'],
    ['https://example.com:9092/', 'port'],
    ['https://example.com:22/', 'port'],
    ['https://example.com:80/', 'port'],
    ['not a url', 'invalid-url'],
    ['/relative/path', 'invalid-url'],
    ['https://', 'invalid-url'],
  ];
  for (const [url, refusal] of hostile) {
    it(`${url} → ${refusal}`, () => {
      const verdict = checkUrl(url, production);
      assert.equal(verdict.ok, false);
      if (!verdict.ok) assert.equal(verdict.refusal, refusal, verdict.message);
    });
  }

  it('never repeats a password in its message', () => {
    const verdict = checkUrl('https://alice:hunter2@example.com/', production);
    assert.equal(verdict.ok, false);
    if (!verdict.ok) assert.doesNotMatch(verdict.message, /hunter2/);
  });

  it('names the canonical address, whatever spelling the URL used', () => {
    const verdict = checkUrl('https://2130706433/', production);
    assert.equal(verdict.ok, false);
    if (!verdict.ok) {
      assert.match(verdict.message, /127\.0\.0\.1/);
      assert.equal(verdict.category, 'loopback');
    }
  });
});

describe('checkUrl in production: ordinary URLs pass', () => {
  for (const url of [
    'https://example.com/hook',
    'https://example.com:443/hook',
    'https://example.com:8443/hook?x=1',
    'https://8.8.8.8/',
    'https://[2606:4700:4700::1111]/',
    'https://hooks.example.co.uk/a/b#frag',
  ]) {
    it(url, () => assert.equal(checkUrl(url, production).ok, true));
  }
});

describe('checkUrl settings', () => {
  it('accepts http and port 80 only when HTTP is allowed', () => {
    const withHttp = egressPolicy({ mode: 'production', allowHttp: true });
    assert.equal(checkUrl('http://example.com/', withHttp).ok, true);
    assert.equal(checkUrl('https://example.com:80/', withHttp).ok, true);
    assert.equal(checkUrl('http://127.0.0.1/', withHttp).ok, false);
  });

  it('takes a custom port list', () => {
    const policy = egressPolicy({ mode: 'production', allowedPorts: [9443] });
    assert.equal(checkUrl('https://example.com:9443/', policy).ok, true);
    assert.equal(checkUrl('https://example.com/', policy).ok, false);
  });

  it('lets an allow-listed private range through, but never a metadata address', () => {
    const onPremise = egressPolicy({ mode: 'production', allowCidrs: ['10.20.0.0/16', '169.254.0.0/16'] });
    assert.equal(checkUrl('https://10.20.3.4/hook', onPremise).ok, true);
    assert.equal(checkUrl('https://10.21.3.4/hook', onPremise).ok, false);
    assert.equal(checkUrl('https://[::ffff:10.20.3.4]/hook', onPremise).ok, true);
    assert.equal(checkUrl('https://169.254.169.254/', onPremise).ok, false);
  });

  it('development accepts loopback, http and any port, but still refuses metadata and userinfo', () => {
    const development = egressPolicy({ mode: 'development' });
    assert.equal(checkUrl('http://127.0.0.1:3000/hook', development).ok, true);
    assert.equal(checkUrl('http://localhost:9999/', development).ok, true);
    assert.equal(checkUrl('http://169.254.169.254/', development).ok, false);
    assert.equal(checkUrl('http://u:p@127.0.0.1/', development).ok, false);
  });

  it('rejects a malformed allow-list entry', () => {
    for (const cidr of ['10.0.0.0', '10.0.0.0/33', 'fd00::/129', 'example.com/8', '10.0.0.0/8/1']) {
      assert.throws(() => egressPolicy({ mode: 'production', allowCidrs: [cidr] }), /not a CIDR/, cidr);
    }
  });
});
