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
