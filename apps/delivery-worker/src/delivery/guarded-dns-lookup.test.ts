import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EgressRefusedError, egressPolicy } from '@hookstream/egress-guard';
import type { ResolvedAddress } from './cached-dns-lookup.js';
import { guardedLookup } from './guarded-dns-lookup.js';

const production = egressPolicy({ mode: 'production' });

/** A lookup that answers from a table, like a DNS server an attacker controls. */
const fake =
  (answers: Record<string, string[]>) =>
  (
    origin: URL,
    _options: unknown,
    callback: (error: NodeJS.ErrnoException | null, found: ResolvedAddress[]) => void,
  ) =>
    callback(
      null,
      (answers[origin.hostname] ?? []).map((address) => ({
        address,
        family: address.includes(':') ? 6 : 4,
        ttl: 60_000,
      })),
    );

function resolve(answers: Record<string, string[]>, url: string) {
  return new Promise<{ error: NodeJS.ErrnoException | null; found: ResolvedAddress[] }>((done) =>
    guardedLookup(fake(answers), production)(new URL(url), {}, (error, found) => done({ error, found })),
  );
}

const cases: ReadonlyArray<readonly [string, string[], string | null]> = [
  ['a public answer passes', ['93.184.215.14'], null],
  ['a private answer for a public-looking name is refused', ['10.0.0.7'], 'private'],
  ['one private answer among public ones refuses the name', ['93.184.215.14', '169.254.169.254'], 'metadata'],
  ['an IPv4-mapped loopback answer is refused', ['::ffff:127.0.0.1'], 'loopback'],
  ['a NAT64 answer embedding a private address is refused', ['64:ff9b::a00:7'], 'private'],
];
for (const [name, answers, category] of cases) {
  test(name, async () => {
    const { error, found } = await resolve(
      { 'hooks.customer-example.com': answers },
      'https://hooks.customer-example.com/x',
    );
    if (category === null) {
      assert.equal(error, null);
      assert.deepEqual(
        found.map((entry) => entry.address),
        answers,
      );
    } else {
      assert.ok(error instanceof EgressRefusedError);
      assert.equal(error.category, category);
      assert.match(error.message, /hooks\.customer-example\.com resolved to it/);
      assert.deepEqual(found, []);
    }
  });
}
