import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  formatPath,
  MAX_REASON_MESSAGE_LENGTH,
  summarizeIssues,
  toHeaderText,
  toValidationIssues,
  truncate,
} from './issues.js';

describe('formatPath', () => {
  const cases: [string, PropertyKey[], string][] = [
    ['', [], 'envelope'],
    ['', ['occurredAt'], 'occurredAt'],
    ['data', [], 'data'],
    ['data', ['amount'], 'data.amount'],
    ['data', ['checks', 0, 'result'], 'data.checks[0].result'],
    ['data', ['odd key'], 'data["odd key"]'],
    ['', ['1st'], '["1st"]'],
    ['data', [Symbol('s')], 'data["Symbol(s)"]'],
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

  it('says nothing about more when every issue is shown', () => {
    assert.equal(
      summarizeIssues([
        { path: 'a', message: 'x' },
        { path: 'b', message: 'y' },
      ]),
      'a: x; b: y',
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

  it('leaves short text alone, up to exactly the limit', () => {
    assert.equal(truncate('short', 10), 'short');
    assert.equal(truncate('exact', 5), 'exact');
  });

  it('cuts longer text to the limit, the ellipsis included', () => {
    assert.equal(truncate('abcdefgh', 5), 'abcd…');
    // Characters above the surrogate range are whole characters: nothing extra is cut.
    assert.equal(truncate('\uff71'.repeat(10), 5), `${'\uff71'.repeat(4)}…`);
  });

  it('keeps the lowest and highest astral characters whole', () => {
    for (const astral of ['\u{10000}', '\u{10FFFF}']) {
      const cut = truncate(`abc${astral}tail`, 5);
      assert.equal(cut, 'abc…', astral);
      assert.ok(cut.isWellFormed());
    }
  });
});

describe('toValidationIssues', () => {
  const issuesOf = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    assert.equal(result.success, false);
    return toValidationIssues(result.error?.issues ?? [], 'data');
  };

  it('calls a missing field required and keeps the expected type', () => {
    assert.deepEqual(issuesOf(z.object({ amount: z.number() }), {}), [
      { path: 'data.amount', message: 'required (expected number)' },
    ]);
  });

  it('drops zod\'s "Invalid input: " preamble from a wrong type', () => {
    assert.deepEqual(issuesOf(z.object({ amount: z.number() }), { amount: 'x' }), [
      { path: 'data.amount', message: 'expected number, received string' },
    ]);
  });

  it("leaves other issues' words alone, even when they end like a missing field", () => {
    const custom = z.string().refine(() => false, { error: 'Looked at it, received undefined' });
    assert.deepEqual(issuesOf(custom, 'x'), [{ path: 'data', message: 'looked at it, received undefined' }]);
  });
});
