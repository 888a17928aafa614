import { EVENT_TYPES, type EventType, eventJsonSchema, typePatternMatches } from '@hookstream/events';
import type { Condition } from '@hookstream/kafka';
import type { FieldError } from '@hookstream/service-kit';

type SchemaNode = Record<string, unknown>;

const isNode = (value: unknown): value is SchemaNode => value !== null && typeof value === 'object';

/**
 * Whether a JSON Schema (as the catalog generates it) can hold a value at `segments`: through
 * `properties`, `additionalProperties` (records), array `items` for numeric segments, and any
 * branch of `anyOf`/`oneOf`/`allOf`.
 */
export function schemaHasPath(schema: unknown, segments: readonly string[]): boolean {
  if (!isNode(schema)) return false;
  const [segment, ...rest] = segments;
  if (segment === undefined) return true;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.some((branch) => schemaHasPath(branch, segments))) return true;
  }
  const properties = schema.properties;
  if (isNode(properties) && Object.hasOwn(properties, segment))
    return schemaHasPath(properties[segment], rest);
  const additional = schema.additionalProperties;
  if (isNode(additional)) return schemaHasPath(additional, rest);
  if (additional === true) return true;
  const items = schema.items;
  if (/^\d+$/.test(segment) && isNode(items)) return schemaHasPath(items, rest);
  return false;
}

/** The JSON Schema of `data` of each type, generated once. */
const dataSchemas = new Map<EventType, unknown>();
function dataSchemaOf(type: EventType): unknown {
  if (!dataSchemas.has(type)) {
    const envelope = eventJsonSchema(type) as SchemaNode;
    dataSchemas.set(type, isNode(envelope.properties) ? envelope.properties.data : undefined);
  }
  return dataSchemas.get(type);
}

/**
 * A 400 entry for each condition whose field no subscribed event type has in its `data`
 * schema: such a condition could never pass. A field that some of the subscribed types have
 * is accepted (events of the other types then fail the condition, as a missing field does).
 */
export function unknownConditionFields(
  eventTypes: readonly string[],
  conditions: readonly Condition[],
): FieldError[] {
  const types = EVENT_TYPES.filter((type) => eventTypes.some((pattern) => typePatternMatches(pattern, type)));
  const errors: FieldError[] = [];
  conditions.forEach((condition, index) => {
    const segments = condition.field.split('.');
    if (types.some((type) => schemaHasPath(dataSchemaOf(type), segments))) return;
    errors.push({
      field: `conditions.${index}.field`,
      message: `"${condition.field}" is not a field of the data of ${types.join(', ')} (GET /v1/event-types has their schemas)`,
    });
  });
  return errors;
}
