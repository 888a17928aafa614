import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPath, MAX_REASON_MESSAGE_LENGTH, summarizeIssues, toHeaderText, truncate } from './issues.js';

describe('formatPath', () => {
  const cases: [string, PropertyKey[], string][] = [
    ['', [], 'envelope'],
    ['', ['occurredAt'], 'occurredAt'],
    ['data', [], 'data'],
    ['data', ['amount'], 'data.amount'],
    ['data', ['checks', 0, 'result'], 'data.checks[0].result'],
    ['data', ['odd key'], 'data["odd key"]'],
    ['', ['1st'], '["1st"]'],
  ];
  for (const [root, path, expected] of cases) {
    it(`${JSON.stringify(root)} + ${String(path.map(String))} → ${expected}`, () => {
      assert.equal(formatPath(root, path), expected);
    });
  }
});

describe('summarizeIssues', () => {
  it('joins issues and counts the ones it leaves out', () => {
    const issues = Array.from({ length: 8 }, (_, i) => ({ path: `data.f${i}`, message: 'bad' }));
    assert.equal(
      summarizeIssues(issues),
      'data.f0: bad; data.f1: bad; data.f2: bad; data.f3: bad; data.f4: bad (+3 more)',
    );
  });

  it('never exceeds the header limit', () => {
    const issues = [{ path: 'data.x', message: 'y'.repeat(5_000) }];
    assert.equal(summarizeIssues(issues).length, MAX_REASON_MESSAGE_LENGTH);
  });
});

describe('toHeaderText and truncate', () => {
  it('replaces control characters with spaces', () => {
    assert.equal(toHeaderText('a\nb\u0000c\u007f'), 'a b c ');
  });

  it('does not split a surrogate pair', () => {
    const text = `${'a'.repeat(8)}😀tail`;
    const cut = truncate(text, 10);
    assert.ok(cut.length <= 10);
    assert.equal(cut, `${'a'.repeat(8)}…`);
    assert.ok(cut.isWellFormed());
  });

  it('leaves short text alone', () => {
    assert.equal(truncate('short', 10), 'short');
  });
});
