import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccountId, EventId, ID_PREFIXES, idPattern, isPrefixedId, prefixedId, TenantId } from './ids.js';

describe('prefixed ids', () => {
  const cases: { name: string; value: unknown; valid: boolean }[] = [
    { name: 'ulid body', value: 'evt_01JDQ3ZA7E2X9K4M6P8R0T2V4W', valid: true },
    { name: 'one-char body', value: 'evt_a', valid: true },
    { name: 'dash and underscore', value: 'evt_a-b_c', valid: true },
    { name: '64-char body', value: `evt_${'a'.repeat(64)}`, valid: true },
    { name: '65-char body', value: `evt_${'a'.repeat(65)}`, valid: false },
    { name: 'empty body', value: 'evt_', valid: false },
    { name: 'wrong prefix', value: 'ten_abc', valid: false },
    { name: 'no prefix', value: 'abc', valid: false },
    { name: 'space in body', value: 'evt_a b', valid: false },
    { name: 'dot in body', value: 'evt_a.b', valid: false },
    { name: 'non-ascii body', value: 'evt_é', valid: false },
    { name: 'trailing newline', value: 'evt_abc\n', valid: false },
    { name: 'number', value: 42, valid: false },
  ];
  for (const { name, value, valid } of cases) {
    it(`EventId ${valid ? 'accepts' : 'rejects'} ${name}`, () => {
      assert.equal(EventId.safeParse(value).success, valid);
      if (typeof value === 'string') {
        assert.equal(isPrefixedId(ID_PREFIXES.event, value), valid);
        assert.equal(idPattern(ID_PREFIXES.event).test(value), valid);
      }
    });
  }

  it('tenant and account ids use their own prefixes', () => {
    assert.equal(TenantId.safeParse('ten_123').success, true);
    assert.equal(TenantId.safeParse('acc_123').success, false);
    assert.equal(AccountId.safeParse('acc_123').success, true);
    assert.equal(AccountId.safeParse('ten_123').success, false);
  });

  it('names the expected format in the error', () => {
    const result = prefixedId('sub_').safeParse('nope');
    assert.equal(result.success, false);
    assert.match(result.error?.issues[0]?.message ?? '', /"sub_" followed by 1-64/);
  });

  it('every prefix is lower-case letters or digits ending in "_" and distinct', () => {
    const prefixes = Object.values(ID_PREFIXES);
    for (const prefix of prefixes) assert.match(prefix, /^[a-z0-9]+_$/);
    assert.equal(new Set(prefixes).size, prefixes.length);
  });

  it('idPattern escapes regex characters in a prefix', () => {
    assert.equal(idPattern('a.b_').test('axb_1'), false);
    assert.equal(idPattern('a.b_').test('a.b_1'), true);
  });
});
