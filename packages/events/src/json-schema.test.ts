import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVENT_TYPES, eventCatalog } from './catalog/index.js';
import { catalogDescription, eventJsonSchema } from './json-schema.js';
import { parseEvent } from './parse-event.js';

const ENVELOPE_FIELDS = ['id', 'type', 'tenantId', 'accountId', 'occurredAt', 'data'];

/** A property of a JSON Schema object, read without trusting its shape. */
function property(schema: unknown, name: string): Record<string, unknown> {
  assert.ok(typeof schema === 'object' && schema !== null && 'properties' in schema);
  const properties = schema.properties;
  assert.ok(typeof properties === 'object' && properties !== null && name in properties);
  const value: unknown = (properties as Record<string, unknown>)[name];
  assert.ok(typeof value === 'object' && value !== null);
  return value as Record<string, unknown>;
}

describe('eventJsonSchema', () => {
  for (const type of EVENT_TYPES) {
    it(type, () => {
      const schema = eventJsonSchema(type);
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
      assert.equal(schema.type, 'object');
      assert.equal(schema.title, type);
      assert.equal(schema.description, eventCatalog[type].description);
      assert.equal(schema.additionalProperties, false);
      assert.deepEqual(Object.keys(schema.properties ?? {}), ENVELOPE_FIELDS);
      assert.deepEqual(schema.required, ['id', 'type', 'tenantId', 'occurredAt', 'data']);
      assert.equal(property(schema, 'type').const, type);
      assert.equal(property(schema, 'id').pattern, '^evt_[A-Za-z0-9_-]{1,64}$');

      const data = property(schema, 'data');
      assert.equal(data.type, 'object');
      assert.equal(data.additionalProperties, false);
      assert.deepEqual(Object.keys(data.properties ?? {}), Object.keys(eventCatalog[type].schema.shape));

      // The document is plain JSON and its embedded example is a valid event.
      assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema);
      const [example] = schema.examples ?? [];
      const parsed = parseEvent(JSON.stringify(example));
      assert.ok(parsed.ok && parsed.event.type === type);
    });
  }

  it('returns a fresh copy each call', () => {
    const first = eventJsonSchema('card.created');
    first.title = 'changed';
    assert.equal(eventJsonSchema('card.created').title, 'card.created');
  });
});

describe('catalogDescription', () => {
  it('lists every type in catalog order with description, example data and schema', () => {
    const rows = catalogDescription();
    assert.deepEqual(
      rows.map((row) => row.type),
      EVENT_TYPES,
    );
    for (const row of rows) {
      assert.equal(row.description, eventCatalog[row.type].description);
      assert.deepEqual(row.example, eventCatalog[row.type].example);
      assert.equal(row.schema.title, row.type);
    }
  });

  it('hands out copies, so callers cannot change the catalog', () => {
    const [row] = catalogDescription();
    assert.ok(row);
    row.example.sessionId = 'changed';
    assert.notEqual(catalogDescription()[0]?.example.sessionId, 'changed');
  });
});
