import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dist = dirname(fileURLToPath(import.meta.url));

/** Every module a compiled entry point loads, following relative imports. */
function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)) {
      visit(resolve(dirname(file), match[1] ?? ''));
    }
  };
  visit(resolve(dist, entry));
  return seen;
}

describe('entry points', () => {
  test('the receiver SDK (./verify) loads no signing-only module', () => {
    const files = [...importGraph('verify.js')].map((f) => f.slice(dist.length + 1));
    assert.ok(files.length > 5, files.join(', '));
    assert.deepEqual(
      files.filter((f) => f.startsWith('signing/')),
      [],
    );
  });

  test('the package exports resolve by name, and the full entry is the union of the others', async () => {
    const all = await import('@hookstream/signatures');
    const sign = await import('@hookstream/signatures/sign');
    const verify = await import('@hookstream/signatures/verify');
    assert.deepEqual(
      Object.keys(all).sort(),
      [...new Set([...Object.keys(sign), ...Object.keys(verify)])].sort(),
    );
    assert.equal(typeof verify.verifyWebhook, 'function');
    assert.equal(typeof sign.signWebhook, 'function');
    assert.equal('signWebhook' in verify, false);
    assert.deepEqual(all.SIGNATURE_SCHEME_NAMES, [
      'standard-webhooks',
      'hmac-sha256-hex',
      'hmac-sha512-timestamp-hex',
      'hmac-sha256-base64',
    ]);
  });
});
