import { z } from 'zod';
import { EVENT_TYPES, type EventType, eventCatalog } from './catalog/index.js';
import { envelopeSchemaFor } from './envelope.js';
import { exampleData, exampleEvent } from './example-event.js';

/** A JSON Schema document as zod produces it (draft 2020-12). */
export type JsonSchema = z.core.JSONSchema.BaseSchema;

/**
 * The JSON Schema (draft 2020-12) of a whole event of `type`: the envelope with `type` fixed
 * to that name and `data` described by the type's schema. Customers use it to validate what
 * their endpoint receives; it includes one complete example.
 */
export function eventJsonSchema(type: EventType): JsonSchema {
  let schema = generated.get(type);
  if (schema === undefined) {
    schema = generate(type);
    generated.set(type, schema);
  }
  // A copy, so a caller that edits the document (e.g. adds `$id`) cannot change later answers.
  return structuredClone(schema);
}

// Generating all types takes a few milliseconds; the catalog is fixed at build time, so
// each document is generated once per process.
const generated = new Map<EventType, JsonSchema>();

function generate(type: EventType): JsonSchema {
  const definition = eventCatalog[type];
  const schema = z.toJSONSchema(envelopeSchemaFor(type, definition.schema), { target: 'draft-2020-12' });
  return { ...schema, title: type, description: definition.description, examples: [exampleEvent(type)] };
}

/** One row of `GET /v1/event-types`. */
export interface EventTypeDescription {
  readonly type: EventType;
  readonly description: string;
  /** An example of `data` (not the whole envelope). */
  readonly example: Record<string, unknown>;
  /** JSON Schema of the whole envelope; see `eventJsonSchema`. */
  readonly schema: JsonSchema;
}

/** Every type, in catalog order, with its description, example `data` and JSON Schema. */
export function catalogDescription(): EventTypeDescription[] {
  return EVENT_TYPES.map((type) => ({
    type,
    description: eventCatalog[type].description,
    example: exampleData(type),
    schema: eventJsonSchema(type),
  }));
}
