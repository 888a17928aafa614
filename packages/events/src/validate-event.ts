import { eventCatalog, isEventType } from './catalog/index.js';
import { EventEnvelope } from './envelope.js';
import { summarizeIssues, toValidationIssues, truncate, type ValidationIssue } from './issues.js';
import type { ParseEventResult, SchemaRejectionCode } from './rejection.js';
import type { TypedEvent } from './typed-event.js';

const MAX_TYPE_IN_MESSAGE = 100; // the type string is producer input; keep the message short

function rejected(
  code: SchemaRejectionCode,
  issues: ValidationIssue[],
): ParseEventResult<SchemaRejectionCode> {
  return { ok: false, reason: { code, message: summarizeIssues(issues), issues } };
}

/**
 * Checks an already-decoded JSON value: envelope, then known type, then the type's `data`
 * schema. Pure and total: returns a result, never throws. Schemas have no defaults or
 * transforms, so a valid event comes back deep-equal to the input and the router can forward
 * the original bytes.
 */
export function validateEvent(value: unknown): ParseEventResult<SchemaRejectionCode> {
  const envelope = EventEnvelope.safeParse(value);
  if (!envelope.success) return rejected('invalid_envelope', toValidationIssues(envelope.error.issues, ''));

  const { type } = envelope.data;
  if (!isEventType(type)) {
    const quoted = truncate(JSON.stringify(type), MAX_TYPE_IN_MESSAGE);
    return rejected('unknown_type', [{ path: 'type', message: `unknown event type ${quoted}` }]);
  }

  const data = eventCatalog[type].schema.safeParse(envelope.data.data);
  if (!data.success) return rejected('invalid_data', toValidationIssues(data.error.issues, 'data'));

  // TypeScript cannot tie `data.data` to `type` through the catalog lookup (it sees the union
  // of all data types); the lookup above is exactly what makes the pair consistent.
  const event = { ...envelope.data, type, data: data.data } as TypedEvent;
  return { ok: true, event };
}
