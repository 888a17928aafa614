import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventJsonSchema } from '@hookstream/events';
import type { Condition } from '@hookstream/kafka';
import { schemaHasPath, unknownConditionFields } from './condition-fields.js';

const exists = (field: string): Condition => ({ field, operator: 'exists', value: true });

const cases: Array<[name: string, eventTypes: string[], field: string, known: boolean]> = [
  ['a top-level field of the type', ['rate.changed'], 'apr', true],
  ['another top-level field', ['rate.changed'], 'productType', true],
  ['a field the type does not have', ['rate.changed'], 'aprr', false],
  ['a path below a scalar', ['rate.changed'], 'apr.value', false],
  ['an envelope field is not in data', ['rate.changed'], 'tenantId', false],
  ['a wildcard: the field of any selected type', ['*'], 'apr', true],
  ['a prefix that selects no type with the field', ['card.*'], 'apr', false],
];
for (const [name, eventTypes, field, known] of cases) {
  test(`condition field: ${name}`, () => {
    const errors = unknownConditionFields(eventTypes, [exists(field)]);
    if (known) assert.deepEqual(errors, []);
    else {
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.field, 'conditions.0.field');
      assert.match(errors[0]?.message ?? '', new RegExp(field.replace('.', '\\.')));
    }
  });
}

test('each unknown field is named by its condition’s index', () => {
  const errors = unknownConditionFields(
    ['rate.changed'],
    [exists('state'), exists('fee'), exists('apr'), exists('x.y')],
  );
  assert.deepEqual(
    errors.map((error) => error.field),
    ['conditions.1.field', 'conditions.3.field'],
  );
});

test('schemaHasPath follows nested objects, arrays by index, records and unions', () => {
  const schema = {
    type: 'object',
    properties: {
      card: { type: 'object', properties: { network: { type: 'string' } } },
      checks: { type: 'array', items: { type: 'object', properties: { result: { type: 'string' } } } },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      either: { anyOf: [{ type: 'string' }, { type: 'object', properties: { code: { type: 'string' } } }] },
    },
  };
  const table: Array<[string, boolean]> = [
    ['card.network', true],
    ['card.brand', false],
    ['checks.0.result', true],
    ['checks.first.result', false],
    ['labels.anything', true],
    ['either.code', true],
    ['either.other', false],
  ];
  for (const [path, expected] of table) assert.equal(schemaHasPath(schema, path.split('.')), expected, path);
});

test('the catalog’s schemas are walked as generated (kyc checks are an array of objects)', () => {
  const data = (eventJsonSchema('kyc.verification.success') as { properties: { data: unknown } }).properties
    .data;
  assert.equal(schemaHasPath(data, ['checks', '0', 'result']), true);
});
