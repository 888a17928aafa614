import { PAYLOAD_FORMATS } from '@hookstream/events';
import { ID_HEADER_VALUES } from '@hookstream/kafka';
import { SIGNATURE_SCHEME_NAMES } from '@hookstream/signatures';
import { z } from 'zod';
import { PROFILE_NAMES } from '../subscriptions/profiles.js';
import { SecretPolicy } from '../subscriptions/subscription.schemas.js';
import { ApiKeyScope } from '../tenants/api-key.schemas.js';

// The shapes the API answers with, as zod schemas: the OpenAPI document is generated from them,
// and the OpenAPI test parses real answers with them (strict), so they cannot drift from the code.

const Timestamp = z.iso
  .datetime()
  .meta({ description: 'ISO 8601, UTC', example: '2026-11-22T10:00:00.000Z' });

export const Problem = z
  .object({
    type: z.string().meta({ example: 'https://hookstream.dev/problems/validation' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string().meta({ example: 'eventTypes.0' }), message: z.string() }))
      .optional(),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details; a 400 lists every invalid field in errors[]',
  });

export const SubscriptionResponseSchema = z
  .strictObject({
    id: z.string().meta({ example: 'sub_01M80JB6KJR8WP8GDE1Y9BMF66' }),
    url: z.string(),
    name: z.string().nullable(),
    description: z.string().nullable(),
    eventTypes: z.array(z.string()),
    accountIds: z.array(z.string()).nullable(),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .meta({ description: 'Why the platform disabled it (410 Gone, failing too long); null otherwise' }),
    signatureScheme: z.enum(SIGNATURE_SCHEME_NAMES),
    secret: z
      .string()
      .optional()
      .meta({ description: 'Only in the create answer (and after a PATCH that set one)' }),
    secretHint: z.string().meta({ example: '****a1b2' }),
    secretPolicy: SecretPolicy,
    headers: z.record(z.string(), z.string()).meta({ description: 'Extra delivery headers, values masked' }),
    signatureHeaders: z.record(z.string(), z.string()),
    idHeaderValue: z.enum(ID_HEADER_VALUES),
    payloadFormat: z.enum(PAYLOAD_FORMATS),
    timeoutMs: z.number().int().nullable(),
    profile: z.enum(PROFILE_NAMES).nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Subscription' });

export const SubscriptionPageSchema = z
  .strictObject({ data: z.array(SubscriptionResponseSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'SubscriptionPage' });

export const RotatedSecretSchema = z
  .strictObject({ secret: z.string(), previousSecretExpiresAt: Timestamp })
  .meta({ id: 'RotatedSecret' });

export const RevealedSecretSchema = z.strictObject({ secret: z.string() }).meta({ id: 'RevealedSecret' });

export const TestSendResultSchema = z
  .strictObject({
    delivered: z.boolean(),
    responseCode: z.number().int().nullable(),
    responseTimeMs: z.number().int(),
    webhookId: z.string(),
    error: z.string().nullable(),
  })
  .meta({ id: 'TestSendResult' });

export const CreatedApiKeySchema = z
  .strictObject({
    id: z.string().meta({ example: 'key_01M80JB6KJR8WP8GDE1Y9BMF67' }),
    key: z.string().meta({ description: 'Shown only in this answer', example: 'hsk_…' }),
    name: z.string(),
    scopes: z.array(ApiKeyScope),
    createdAt: Timestamp,
  })
  .meta({ id: 'CreatedApiKey' });

export const ApiKeySchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    scopes: z.array(ApiKeyScope),
    keyHint: z.string().meta({ example: '****wxyz' }),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });

export const ApiKeyPageSchema = z
  .strictObject({ data: z.array(ApiKeySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ApiKeyPage' });

export const EventTypeListSchema = z
  .strictObject({
    data: z.array(
      z.strictObject({
        type: z.string(),
        description: z.string(),
        example: z.record(z.string(), z.unknown()),
        schema: z.record(z.string(), z.unknown()).meta({ description: 'JSON Schema of data' }),
      }),
    ),
  })
  .meta({ id: 'EventTypeList' });

export const AttemptSchema = z
  .strictObject({
    id: z.string().meta({ example: 'atm_01M80JB6KJR8WP8GDE1Y9BMF66' }),
    webhookId: z.string().meta({ example: 'msg_01M80JB6KJR8WP8GDE1Y9BMF66' }),
    eventId: z.string(),
    eventType: z.string(),
    attempt: z.number().int(),
    status: z.string().meta({
      description:
        'delivered | retry_scheduled | dead_lettered | cancelled | circuit_open (new outcomes appear as they are)',
    }),
    responseCode: z.number().int().nullable(),
    durationMs: z.number().int(),
    responseBodyExcerpt: z.string().nullable(),
    error: z.string().nullable(),
    startedAt: Timestamp,
    nextAttemptAt: Timestamp.nullable(),
  })
  .meta({ id: 'Attempt' });

export const AttemptPageSchema = z
  .strictObject({ data: z.array(AttemptSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AttemptPage' });

export const MessageAttemptsSchema = z
  .strictObject({ data: z.array(AttemptSchema) })
  .meta({ id: 'MessageAttempts' });

export const DeadLetterSchema = z
  .strictObject({
    id: z.string().meta({ example: 'dlq_01M80JB6KJR8WP8GDE1Y9BMF66' }),
    webhookId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    reason: z.string(),
    deadLetteredAt: Timestamp,
    redrivenAt: Timestamp.nullable(),
  })
  .meta({ id: 'DeadLetter' });

export const DeadLetterPageSchema = z
  .strictObject({ data: z.array(DeadLetterSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'DeadLetterPage' });

export const RedriveResultSchema = z
  .strictObject({ redriven: z.number().int().meta({ description: 'Letters sent to the deliveries topic' }) })
  .meta({ id: 'RedriveResult' });

export const ReplayStartedSchema = z
  .strictObject({ id: z.string().meta({ example: 'rpl_01M80JB6KJR8WP8GDE1Y9BMF66' }) })
  .meta({ id: 'ReplayStarted' });

export const ReplaySchema = z
  .strictObject({
    id: z.string(),
    subscriptionId: z.string(),
    status: z.enum(['running', 'succeeded', 'failed']),
    eventsScanned: z.number().int(),
    tasksCreated: z.number().int(),
    since: Timestamp,
    until: Timestamp,
    eventTypes: z.array(z.string()).nullable(),
    error: z.string().nullable(),
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Replay' });
