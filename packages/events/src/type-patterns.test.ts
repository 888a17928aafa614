import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVENT_TYPES } from './catalog/index.js';
import { anyTypePatternMatches, isTypePattern, typePatternMatches } from './type-patterns.js';

describe('isTypePattern', () => {
  const cases: [string, boolean][] = [
    ['*', true],
    ['card.created', true],
    ['card.*', true],
    ['kyc.verification.*', true],
    ['card.3ds_auth.requested', true],
    ['card', true],
    ['', false],
    ['card.', false],
    ['.card', false],
    ['card..created', false],
    ['card.*.created', false],
    ['*.created', true],
    ['*.transaction.created', true],
    ['card*', true],
    ['card.transaction*', true],
    ['*card', false],
    ['*.card.*', false],
    ['*.*', false],
    ['card.**', false],
    ['**', false],
    ['Card.Created', false],
    ['card created', false],
    // At most 128 characters, wildcard included: longer than any type name.
    [`${'a'.repeat(126)}.*`, true],
    [`${'a'.repeat(127)}.*`, false],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['card.created\n', false],
    [' card.created', false],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…` : value)} → ${expected}`, () =>
      assert.equal(isTypePattern(value), expected));
  }
});

describe('typePatternMatches', () => {
  const cases: [string, string, boolean][] = [
    ['*', 'card.created', true],
    ['card.created', 'card.created', true],
    ['card.created', 'card.transaction.created', false],
    // An exact pattern is the whole type, not a prefix of it.
    ['card.created', 'card.created_v2', false],
    ['card.created', 'card.creates', false],
    ['card.created', 'card', false],
    ['card.*', 'card.created', true],
    ['card.*', 'card.transaction.created', true],
    ['card.*', 'card', false],
    ['card.*', 'cards.created', false],
    ['card.transaction.*', 'card.transaction.created', true],
    ['card.transaction.*', 'card.created', false],
    ['kyc.*', 'kyc.verification.success', true],
    ['card*', 'card.created', true],
    ['card*', 'card.transaction.created', true],
    ['card*', 'cards.created', true],
    ['card*', 'kyc.card', false],
    ['*.created', 'card.created', true],
    ['*.created', 'card.transaction.created', true],
    ['*.created', 'created', false],
    ['*.created', 'card.created_at', false],
    ['*.created', 'card.updated', false],
  ];
  for (const [pattern, type, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${type}`, () =>
      assert.equal(typePatternMatches(pattern, type), expected));
  }

  it('every catalog type is a valid pattern that matches itself', () => {
    for (const type of EVENT_TYPES) {
      assert.ok(isTypePattern(type), type);
      assert.ok(typePatternMatches(type, type), type);
    }
  });
});

describe('anyTypePatternMatches', () => {
  it('is true when one pattern matches and false for none or no patterns', () => {
    assert.equal(anyTypePatternMatches(['order.*', 'card.created'], 'card.created'), true);
    assert.equal(anyTypePatternMatches(['order.*', 'card.created'], 'card.transaction.created'), false);
    assert.equal(anyTypePatternMatches([], 'card.created'), false);
  });
});
