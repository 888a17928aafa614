import type { EventType } from './catalog/index.js';
import type { ValidationIssue } from './issues.js';
import type { SchemaRejectionCode } from './rejection.js';
import type { TypedEvent } from './typed-event.js';
import { validateEvent } from './validate-event.js';

/** Thrown by `validateEventForPublish`: the event would be quarantined by the router. */
export class EventValidationError extends Error {
  override readonly name = 'EventValidationError';
  /** Which check failed, as the router would report it. */
  readonly code: SchemaRejectionCode;
  readonly issues: readonly ValidationIssue[];

  constructor(code: SchemaRejectionCode, message: string, issues: readonly ValidationIssue[]) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

/**
 * The producer SDK's check before sending: the same rules as the router, so an event that
 * passes here is never quarantined for its shape. Throws rather than returning a result
 * because a producer sending an invalid event is a programming error to fix, not a case to handle.
 * Returns the event unchanged in content, typed by its `type`.
 */
export function validateEventForPublish<T extends EventType>(event: TypedEvent<T>): TypedEvent<T> {
  const result = validateEvent(event);
  if (!result.ok) {
    const { code, message, issues } = result.reason;
    throw new EventValidationError(code, message, issues);
  }
  // `validateEvent` checked `data` against the schema of `event.type`, which is `T`.
  return result.event as TypedEvent<T>;
}
