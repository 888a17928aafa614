import { z } from 'zod';
import { DisplayText, UtcTimestamp } from '../fields.js';
import { ID_PREFIXES, prefixedId } from '../ids.js';
import type { EventDefinitions } from './definition.js';

// A KYC session is one run of the applicant through the provider's flow; a verification is
// the decision that comes out of it. Lifecycle: session.created → session.completed →
// session.processed → exactly one of verification.success | failure | error | timeout.

const KycSessionId = prefixedId(ID_PREFIXES.kycSession);
const KycVerificationId = prefixedId(ID_PREFIXES.kycVerification);

/** The vendor that ran the checks; a string because vendors change more often than this package. */
const KycProvider = z.string().min(1).max(64).describe('Verification vendor, e.g. persona, onfido, socure');
const KycLevel = z.enum(['basic', 'standard', 'enhanced']).describe('Depth of checks required');
const KycDocument = z.enum([
  'passport',
  'drivers_license',
  'national_id',
  'residence_permit',
  'selfie',
  'proof_of_address',
]);
const KycCheck = z.strictObject({
  type: z.enum(['document', 'selfie', 'database', 'watchlist', 'address', 'tax_id']),
  result: z.enum(['pass', 'fail', 'not_run']),
});

export const KycSessionCreated = z.strictObject({
  sessionId: KycSessionId,
  provider: KycProvider,
  level: KycLevel,
  /** After this instant the applicant must start over; a `kyc.verification.timeout` follows. */
  expiresAt: UtcTimestamp,
});
export type KycSessionCreated = z.infer<typeof KycSessionCreated>;

export const KycSessionCompleted = z.strictObject({
  sessionId: KycSessionId,
  provider: KycProvider,
  level: KycLevel,
  submittedDocuments: z.array(KycDocument).min(1),
});
export type KycSessionCompleted = z.infer<typeof KycSessionCompleted>;

export const KycSessionProcessed = z.strictObject({
  sessionId: KycSessionId,
  verificationId: KycVerificationId,
  provider: KycProvider,
  /** Names the `kyc.verification.*` event that carries the details. */
  outcome: z.enum(['success', 'failure', 'error']),
});
export type KycSessionProcessed = z.infer<typeof KycSessionProcessed>;

export const KycVerificationSucceeded = z.strictObject({
  verificationId: KycVerificationId,
  sessionId: KycSessionId,
  provider: KycProvider,
  level: KycLevel,
  checks: z.array(KycCheck).min(1),
  /** When the verification must be renewed, if the policy sets a limit. */
  validUntil: UtcTimestamp.optional(),
});
export type KycVerificationSucceeded = z.infer<typeof KycVerificationSucceeded>;

export const KycVerificationFailed = z.strictObject({
  verificationId: KycVerificationId,
  sessionId: KycSessionId,
  provider: KycProvider,
  level: KycLevel,
  reasons: z
    .array(
      z.enum([
        'document_expired',
        'document_unreadable',
        'selfie_mismatch',
        'data_mismatch',
        'watchlist_match',
        'underage',
        'suspected_fraud',
      ]),
    )
    .min(1),
  checks: z.array(KycCheck).min(1),
  /** Whether the applicant may start a new session. */
  canRetry: z.boolean(),
});
export type KycVerificationFailed = z.infer<typeof KycVerificationFailed>;

export const KycVerificationErrored = z.strictObject({
  verificationId: KycVerificationId,
  sessionId: KycSessionId,
  provider: KycProvider,
  errorCode: z.enum(['provider_unavailable', 'provider_error', 'invalid_request', 'internal_error']),
  /** Operator-facing detail; never contains applicant data. */
  message: DisplayText,
  /** Whether running the same verification again may succeed without applicant action. */
  retryable: z.boolean(),
});
export type KycVerificationErrored = z.infer<typeof KycVerificationErrored>;

export const KycVerificationTimedOut = z.strictObject({
  verificationId: KycVerificationId,
  sessionId: KycSessionId,
  provider: KycProvider,
  /** Who we were waiting on when the clock ran out. */
  waitingOn: z.enum(['applicant', 'provider']),
  startedAt: UtcTimestamp,
  /** The limit that was exceeded, in seconds. */
  timeoutSeconds: z.int().positive(),
});
export type KycVerificationTimedOut = z.infer<typeof KycVerificationTimedOut>;

export const kycEvents = {
  'kyc.session.created': {
    description: 'A KYC session was opened for an applicant with a verification provider.',
    schema: KycSessionCreated,
    example: {
      sessionId: 'kys_01JDQ3Z8X4T7G9M2K5N6P8R0SW',
      provider: 'persona',
      level: 'standard',
      expiresAt: '2026-11-23T10:00:00.000Z',
    } satisfies KycSessionCreated,
  },
  'kyc.session.completed': {
    description: 'The applicant finished the KYC flow and submitted their documents.',
    schema: KycSessionCompleted,
    example: {
      sessionId: 'kys_01JDQ3Z8X4T7G9M2K5N6P8R0SW',
      provider: 'persona',
      level: 'standard',
      submittedDocuments: ['drivers_license', 'selfie'],
    } satisfies KycSessionCompleted,
  },
  'kyc.session.processed': {
    description: 'The provider finished processing a KYC session; a kyc.verification.* event has the result.',
    schema: KycSessionProcessed,
    example: {
      sessionId: 'kys_01JDQ3Z8X4T7G9M2K5N6P8R0SW',
      verificationId: 'kyv_01JDQ40B2C3D4E5F6G7H8J9K0M',
      provider: 'persona',
      outcome: 'success',
    } satisfies KycSessionProcessed,
  },
  'kyc.verification.success': {
    description: "The applicant's identity was verified.",
    schema: KycVerificationSucceeded,
    example: {
      verificationId: 'kyv_01JDQ40B2C3D4E5F6G7H8J9K0M',
      sessionId: 'kys_01JDQ3Z8X4T7G9M2K5N6P8R0SW',
      provider: 'persona',
      level: 'standard',
      checks: [
        { type: 'document', result: 'pass' },
        { type: 'selfie', result: 'pass' },
        { type: 'watchlist', result: 'pass' },
      ],
      validUntil: '2028-11-22T10:00:00.000Z',
    } satisfies KycVerificationSucceeded,
  },
  'kyc.verification.failure': {
    description: "The applicant's identity could not be verified; reasons says why.",
    schema: KycVerificationFailed,
    example: {
      verificationId: 'kyv_01JDQ40B2C3D4E5F6G7H8J9K0M',
      sessionId: 'kys_01JDQ3Z8X4T7G9M2K5N6P8R0SW',
      provider: 'persona',
      level: 'standard',
      reasons: ['document_expired'],
      checks: [
        { type: 'document', result: 'fail' },
        { type: 'selfie', result: 'pass' },
        { type: 'watchlist', result: 'not_run' },
      ],
      canRetry: true,
    } satisfies KycVerificationFailed,
  },
  'kyc.verification.error': {
    description: 'A verification could not reach a decision because of a provider or system error.',
    schema: KycVerificationErrored,
    example: {
      verificationId: 'kyv_01JDQ40B2C3D4E5F6G7H8J9K0M',
      sessionId: 'kys_01JDQ3Z8X4T7G9M2K5N6P8R0SW',
      provider: 'persona',
      errorCode: 'provider_unavailable',
      message: 'Provider returned HTTP 503 after 3 attempts',
      retryable: true,
    } satisfies KycVerificationErrored,
  },
  'kyc.verification.timeout': {
    description: 'A verification did not finish within its time limit.',
    schema: KycVerificationTimedOut,
    example: {
      verificationId: 'kyv_01JDQ40B2C3D4E5F6G7H8J9K0M',
      sessionId: 'kys_01JDQ3Z8X4T7G9M2K5N6P8R0SW',
      provider: 'persona',
      waitingOn: 'applicant',
      startedAt: '2026-11-21T10:00:00.000Z',
      timeoutSeconds: 86400,
    } satisfies KycVerificationTimedOut,
  },
} satisfies EventDefinitions;
