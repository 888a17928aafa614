import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Condition, Conditions } from '../messages/condition.js';
import { compileConditions, type PreviousValues } from './compile-conditions.js';

const data = {
  apr: '6.1250',
  rate: '6.875',
  monthlyPayment: 262772,
  state: 'CA',
  flagged: false,
  note: null,
  ratio: 0.3,
  card: { network: 'visa', limits: { daily: '500.00' } },
  items: [{ amount: '1.5' }],
  label: 'abc',
  list: ['6'],
};

/** [condition, passes on `data`] — each condition checked alone. */
const cases: Array<[name: string, condition: Condition, passes: boolean]> = [
  // Decimals compare as decimals: trailing zeros, strings against numbers, no float error.
  ['lt: decimal string below the bound', { field: 'apr', operator: 'lt', value: '6.25' }, true],
  ['lt: 6.1250 is not below 6.125', { field: 'apr', operator: 'lt', value: 6.125 }, false],
  ['lte: 6.1250 ≤ 6.125', { field: 'apr', operator: 'lte', value: '6.125' }, true],
  ['gte: 6.1250 ≥ 6.125000', { field: 'apr', operator: 'gte', value: '6.125000' }, true],
  ['gt: 6.1250 > 6.125 fails', { field: 'apr', operator: 'gt', value: 6.125 }, false],
  ['lte: 6.1250 ≤ 6.1249 fails', { field: 'apr', operator: 'lte', value: '6.1249' }, false],
  ['gte: 6.1250 ≥ 6.1251 fails', { field: 'apr', operator: 'gte', value: '6.1251' }, false],
  ['eq: a decimal field is not a non-decimal string', { field: 'apr', operator: 'eq', value: 'CA' }, false],
  [
    'neq: a decimal field differs from a non-decimal string',
    { field: 'apr', operator: 'neq', value: 'CA' },
    true,
  ],
  [
    'in: a decimal among values of other types',
    { field: 'apr', operator: 'in', value: ['x', true, 6.125] },
    true,
  ],
  [
    'an array holding a decimal is not a decimal: lt fails',
    { field: 'list', operator: 'lt', value: 7 },
    false,
  ],
  ['an array holding a decimal does not equal it', { field: 'list', operator: 'eq', value: 6 }, false],
  [
    'gt: integer field against a decimal bound',
    { field: 'monthlyPayment', operator: 'gt', value: '262771.99' },
    true,
  ],
  [
    'eq: 0.3 equals 0.30 exactly (no 0.1 + 0.2 trouble)',
    { field: 'ratio', operator: 'eq', value: '0.30' },
    true,
  ],
  ['eq: decimal string equals number', { field: 'apr', operator: 'eq', value: 6.125 }, true],
  ['neq: equal decimals are not different', { field: 'apr', operator: 'neq', value: '6.12500' }, false],
  ['neq: another decimal is different', { field: 'apr', operator: 'neq', value: '6.126' }, true],
  ['eq: strings', { field: 'state', operator: 'eq', value: 'CA' }, true],
  ['eq: strings are case sensitive', { field: 'state', operator: 'eq', value: 'ca' }, false],
  ['eq: boolean', { field: 'flagged', operator: 'eq', value: false }, true],
  ['eq: null matches a null field', { field: 'note', operator: 'eq', value: null }, true],
  ['eq: a string is not the number it is not', { field: 'label', operator: 'eq', value: 0 }, false],
  ['neq: string against another string', { field: 'state', operator: 'neq', value: 'NY' }, true],
  ['in: one of the values', { field: 'state', operator: 'in', value: ['NY', 'CA'] }, true],
  ['in: decimal among numbers', { field: 'apr', operator: 'in', value: [6, 6.125] }, true],
  ['in: none of the values', { field: 'state', operator: 'in', value: ['NY', 'TX'] }, false],
  ['nested path', { field: 'card.network', operator: 'eq', value: 'visa' }, true],
  ['deeper nested decimal', { field: 'card.limits.daily', operator: 'lte', value: 500 }, true],
  ['array index in the path', { field: 'items.0.amount', operator: 'eq', value: 1.5 }, true],
  // Missing fields, nulls and wrong types fail.
  ['missing field fails lt', { field: 'fee', operator: 'lt', value: 1 }, false],
  ['missing field fails eq', { field: 'fee', operator: 'eq', value: null }, false],
  ['missing field fails neq', { field: 'fee', operator: 'neq', value: 'x' }, false],
  ['missing field fails in', { field: 'fee', operator: 'in', value: [null] }, false],
  ['path through a scalar is missing', { field: 'state.code', operator: 'exists', value: true }, false],
  ['prototype keys are not fields', { field: 'constructor', operator: 'exists', value: true }, false],
  ['path through null is missing', { field: 'note.code', operator: 'exists', value: false }, true],
  ['a string is not indexed by the path', { field: 'state.0', operator: 'exists', value: true }, false],
  ['a string has no fields', { field: 'label.length', operator: 'exists', value: true }, false],
  ['null fails lt', { field: 'note', operator: 'lt', value: 1 }, false],
  ['non-decimal string fails gt', { field: 'label', operator: 'gt', value: 0 }, false],
  ['boolean fails gte', { field: 'flagged', operator: 'gte', value: 0 }, false],
  ['object fails lte', { field: 'card', operator: 'lte', value: 1 }, false],
  ['exists: present', { field: 'card.network', operator: 'exists', value: true }, true],
  ['exists: null counts as absent', { field: 'note', operator: 'exists', value: true }, false],
  ['exists false: missing field', { field: 'fee', operator: 'exists', value: false }, true],
  ['exists false: present field', { field: 'state', operator: 'exists', value: false }, false],
];

for (const [name, condition, passes] of cases) {
  test(`condition ${name}`, () => {
    const evaluation = compileConditions([condition]).evaluate(data, undefined);
    assert.equal(evaluation.passed, passes);
    assert.equal(evaluation.results[0]?.passed, passes);
  });
}

test('all conditions must pass, and each result is reported with its threshold and actual value', () => {
  const compiled = compileConditions([
    { field: 'state', operator: 'eq', value: 'CA' },
    { field: 'apr', operator: 'lt', value: '6.0' },
  ]);
  const evaluation = compiled.evaluate(data, undefined);
  assert.equal(evaluation.passed, false);
  assert.deepEqual(evaluation.results, [
    { field: 'state', operator: 'eq', threshold: 'CA', actualValue: 'CA', passed: true },
    { field: 'apr', operator: 'lt', threshold: '6.0', actualValue: '6.1250', passed: false },
  ]);
  assert.equal(compiled.usesPrevious, false);
});

test('no conditions: everything passes', () => {
  assert.equal(compileConditions([]).evaluate({}, undefined).passed, true);
  assert.equal(compileConditions([]).usesPrevious, false);
});

test('previous values are needed as soon as one condition is change_pct', () => {
  const mixed = compileConditions([
    { field: 'state', operator: 'eq', value: 'CA' },
    { field: 'apr', operator: 'change_pct', value: -2 },
  ]);
  assert.equal(mixed.usesPrevious, true);
});

test('a missing field is reported with actualValue null, whatever the operator', () => {
  const operators: Condition[] = [
    { field: 'fee', operator: 'lt', value: 1 },
    { field: 'fee', operator: 'eq', value: 1 },
    { field: 'fee', operator: 'neq', value: 1 },
    { field: 'fee', operator: 'in', value: [1] },
    { field: 'fee', operator: 'exists', value: true },
    { field: 'fee', operator: 'change_pct', value: -2 },
  ];
  const { results } = compileConditions(operators).evaluate(data, { fee: '2' });
  assert.deepEqual(
    results.map((result) => [result.operator, result.actualValue, result.passed]),
    operators.map((condition) => [condition.operator, null, false]),
  );
});

test('change_pct: a remembered value that is not a decimal counts as no previous value', () => {
  const compiled = compileConditions([{ field: 'apr', operator: 'change_pct', value: -2 }]);
  const [result] = compiled.evaluate({ apr: '5' }, { apr: 'n/a' }).results;
  assert.equal(result?.passed, false);
  assert.equal(result?.previousValue, null);
  assert.equal(result?.changePct, null);
});

/** change_pct: [percent, previous apr (undefined = first event), current apr, passes, changePct]. */
const changes: Array<
  [percent: number, previous: string | undefined, current: unknown, passes: boolean, pct: string | null]
> = [
  [-2, '6.50', '6.37', true, '-2'], // exactly -2 %: "by 2 % or more" includes 2 %
  [-2, '6.50', '6.371', false, '-1.984615'],
  [-2, '6.50', '6.00', true, '-7.692308'],
  [-2, '6.50', '6.70', false, '3.076923'], // a rise never passes a drop condition
  [2, '6.50', '6.63', true, '2'],
  [2, '6.50', '6.6299', false, '1.998462'],
  [2, '6.50', '6.00', false, '-7.692308'],
  [0.5, '100', 100.5, true, '0.5'],
  [-2, undefined, '6.00', false, null], // first event of the entity
  [-2, '0', '1', false, null], // no percentage from zero
  [-2, '6.50', 'n/a', false, null], // not a decimal
  [-2, '-10', '-10.2', true, '-2'], // negative values: the change is relative to |previous|
];
for (const [percent, previous, current, passes, pct] of changes) {
  test(`change_pct ${percent} from ${previous} to ${String(current)}: ${passes ? 'passes' : 'fails'}`, () => {
    const compiled = compileConditions([{ field: 'apr', operator: 'change_pct', value: percent }]);
    assert.equal(compiled.usesPrevious, true);
    const before: PreviousValues | undefined = previous === undefined ? undefined : { apr: previous };
    const evaluation = compiled.evaluate({ apr: current }, before);
    assert.equal(evaluation.passed, passes);
    const [result] = evaluation.results;
    assert.equal(result?.changePct, pct);
    assert.equal(result?.previousValue, previous ?? null);
    // The current value is remembered whatever the outcome, when it is a decimal.
    assert.deepEqual(
      evaluation.current,
      typeof result?.currentValue === 'string' ? { apr: result.currentValue } : {},
    );
  });
}

test('change_pct remembers the value exactly, in plain notation', () => {
  const compiled = compileConditions([{ field: 'apr', operator: 'change_pct', value: -2 }]);
  assert.deepEqual(compiled.evaluate({ apr: '6.1250' }, undefined).current, { apr: '6.125' });
  assert.deepEqual(compiled.evaluate({ apr: 1e21 }, undefined).current, { apr: '1000000000000000000000' });
});

/** The contract refuses bad conditions, naming the condition by index. */
const badInput: Array<[name: string, conditions: unknown, field: string]> = [
  ['unknown operator', [{ field: 'apr', operator: 'below', value: 1 }], '0.operator'],
  [
    'in needs an array',
    [
      { field: 'apr', operator: 'lt', value: 1 },
      { field: 'state', operator: 'in', value: 'CA' },
    ],
    '1.value',
  ],
  ['change_pct needs a number', [{ field: 'apr', operator: 'change_pct', value: '-2' }], '0.value'],
  ['change_pct of zero has no direction', [{ field: 'apr', operator: 'change_pct', value: 0 }], '0.value'],
  ['lt needs a decimal', [{ field: 'apr', operator: 'lt', value: 'low' }], '0.value'],
  ['empty path segment', [{ field: 'card..network', operator: 'exists', value: true }], '0.field'],
  ['leading dot', [{ field: '.apr', operator: 'exists', value: true }], '0.field'],
  ['unknown key', [{ field: 'apr', operator: 'lt', value: 1, unit: '%' }], '0'],
  [
    'more than 20 conditions',
    Array.from({ length: 21 }, () => ({ field: 'apr', operator: 'exists', value: true })),
    '20',
  ],
];
for (const [name, conditions, field] of badInput) {
  test(`the contract refuses: ${name}`, () => {
    const parsed = Conditions.safeParse(conditions);
    assert.equal(parsed.success, false);
    assert.deepEqual(
      parsed.error?.issues.map((issue) => issue.path.join('.')),
      [field],
    );
  });
}
