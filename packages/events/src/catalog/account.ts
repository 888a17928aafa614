import { z } from 'zod';
import { CountryCode, CurrencyCode, UtcTimestamp } from '../fields.js';
import { AccountId, ID_PREFIXES, prefixedId } from '../ids.js';
import type { EventDefinitions } from './definition.js';

// A platform account (the `acc_` id in the envelope) and its onboarding: an account is
// created `pending`, becomes `active` once KYC passes, and may later be restricted,
// frozen or closed. Here the account is the subject, so `data` repeats its id.

const AccountStatus = z
  .enum(['pending', 'active', 'restricted', 'frozen', 'closed'])
  .describe('restricted: can receive but not send money; frozen: no money movement at all');

export const AccountCreated = z.strictObject({
  accountId: AccountId,
  accountType: z.enum(['individual', 'joint', 'business']),
  status: AccountStatus,
  currency: CurrencyCode,
  /** Jurisdiction the account is opened under. */
  country: CountryCode,
  /** How the account was opened. */
  channel: z.enum(['web', 'mobile', 'api', 'branch']),
});
export type AccountCreated = z.infer<typeof AccountCreated>;

export const AccountActivated = z.strictObject({
  accountId: AccountId,
  /** The KYC verification that cleared onboarding, when one was required. */
  verificationId: prefixedId(ID_PREFIXES.kycVerification).optional(),
  /** When the account was created; with the envelope's `occurredAt` it gives onboarding time. */
  createdAt: UtcTimestamp,
});
export type AccountActivated = z.infer<typeof AccountActivated>;

export const AccountStatusUpdated = z.strictObject({
  accountId: AccountId,
  status: AccountStatus,
  previousStatus: AccountStatus,
  reason: z.enum([
    'kyc_failed',
    'fraud_review',
    'compliance_review',
    'customer_request',
    'dormancy',
    'review_cleared',
  ]),
});
export type AccountStatusUpdated = z.infer<typeof AccountStatusUpdated>;

export const accountEvents = {
  'account.created': {
    description: 'An account was opened and onboarding started.',
    schema: AccountCreated,
    example: {
      accountId: 'acc_01JDQ3X1Y2Z3A4B5C6D7E8F9G0',
      accountType: 'individual',
      status: 'pending',
      currency: 'USD',
      country: 'US',
      channel: 'mobile',
    } satisfies AccountCreated,
  },
  'account.activated': {
    description: 'An account finished onboarding and can move money.',
    schema: AccountActivated,
    example: {
      accountId: 'acc_01JDQ3X1Y2Z3A4B5C6D7E8F9G0',
      verificationId: 'kyv_01JDQ40B2C3D4E5F6G7H8J9K0M',
      createdAt: '2026-11-22T09:41:00.000Z',
    } satisfies AccountActivated,
  },
  'account.status_updated': {
    description: "An account's status changed, e.g. frozen for review or closed.",
    schema: AccountStatusUpdated,
    example: {
      accountId: 'acc_01JDQ3X1Y2Z3A4B5C6D7E8F9G0',
      status: 'frozen',
      previousStatus: 'active',
      reason: 'fraud_review',
    } satisfies AccountStatusUpdated,
  },
} satisfies EventDefinitions;
