import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EgressEnv, policyFromEnv } from './egress-env.js';
import { checkUrl } from './url-policy.js';

describe('egress env', () => {
  it('defaults to https on 443 and 8443 with no allow-list', () => {
    const policy = policyFromEnv(EgressEnv.parse({}), 'production');
    assert.deepEqual([...(policy.allowedPorts ?? [])].sort(), [443, 8443]);
    assert.equal(policy.allowHttp, false);
    assert.deepEqual(policy.allowCidrs, []);
  });

  it('adds port 80 when HTTP is allowed, unless ports are listed', () => {
    const withHttp = policyFromEnv(EgressEnv.parse({ HOOKSTREAM_EGRESS_ALLOW_HTTP: 'true' }), 'production');
    assert.ok(withHttp.allowedPorts?.has(80));
    const listed = policyFromEnv(
      EgressEnv.parse({ HOOKSTREAM_EGRESS_ALLOW_HTTP: '1', HOOKSTREAM_EGRESS_PORTS: '9443, 443' }),
      'production',
    );
    assert.deepEqual([...(listed.allowedPorts ?? [])].sort(), [443, 9443]);
  });

  it('takes an allow-list the policy honours', () => {
    const env = EgressEnv.parse({ HOOKSTREAM_EGRESS_ALLOW_CIDRS: '10.20.0.0/16, fd12::/48' });
    const policy = policyFromEnv(env, 'production');
    assert.equal(checkUrl('https://10.20.1.2/', policy).ok, true);
    assert.equal(checkUrl('https://[fd12::5]/', policy).ok, true);
    assert.equal(checkUrl('https://10.21.1.2/', policy).ok, false);
  });

  const refused: ReadonlyArray<readonly [Record<string, string>, RegExp]> = [
    [{ HOOKSTREAM_EGRESS_PORTS: '443,x' }, /HOOKSTREAM_EGRESS_PORTS/],
    [{ HOOKSTREAM_EGRESS_PORTS: '70000' }, /HOOKSTREAM_EGRESS_PORTS/],
    [
      { HOOKSTREAM_EGRESS_ALLOW_CIDRS: '10.0.0.0/33' },
      /HOOKSTREAM_EGRESS_ALLOW_CIDRS: not a CIDR: "10.0.0.0\/33"/,
    ],
    [{ HOOKSTREAM_EGRESS_ALLOW_CIDRS: 'intranet' }, /HOOKSTREAM_EGRESS_ALLOW_CIDRS/],
    [{ HOOKSTREAM_EGRESS_ALLOW_HTTP: 'yes' }, /HOOKSTREAM_EGRESS_ALLOW_HTTP/],
  ];
  for (const [vars, expected] of refused) {
    it(`refuses ${JSON.stringify(vars)}, naming the variable`, () => {
      const parsed = EgressEnv.safeParse(vars);
      assert.equal(parsed.success, false);
      if (!parsed.success) {
        const lines = parsed.error.issues
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          .join('\n');
        assert.match(lines, expected);
      }
    });
  }
});
