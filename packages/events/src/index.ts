// Public API of @hookstream/events. Deep imports are not part of it.

export { isPlatformLevelType, PLATFORM_LEVEL_TYPES } from './account-scope.js';
export * from './catalog/index.js';
export { EventEnvelope, envelopeSchemaFor } from './envelope.js';
export { exampleData, exampleEvent } from './example-event.js';
export * from './fields.js';
export * from './ids.js';
export { MAX_REASON_MESSAGE_LENGTH, type ValidationIssue } from './issues.js';
export {
  catalogDescription,
  type EventTypeDescription,
  eventJsonSchema,
  type JsonSchema,
} from './json-schema.js';
export { parseEvent } from './parse-event.js';
export { EventValidationError, validateEventForPublish } from './publish.js';
export {
  type ParseEventResult,
  REJECTION_CODES,
  type Rejection,
  type RejectionCode,
  type SchemaRejectionCode,
} from './rejection.js';
export { newEventId, newPrefixedId, type SortableIdOptions, sortableIdGenerator } from './sortable-id.js';
export { anyTypePatternMatches, isTypePattern, typePatternMatches } from './type-patterns.js';
export type { TypedEvent } from './typed-event.js';
export { validateEvent } from './validate-event.js';
export {
  DEFAULT_PAYLOAD_FORMAT,
  PAYLOAD_FORMATS,
  type PayloadFormat,
  type WebhookBodyOptions,
  webhookBody,
} from './webhook-body.js';
