import { z } from 'zod';
import { CurrencyCode, DisplayText, Last4 } from '../fields.js';
import { ID_PREFIXES, prefixedId } from '../ids.js';
import type { EventDefinitions } from './definition.js';

// An external bank account linked to a platform account, e.g. to fund it by ACH.
// Full account and routing numbers never appear in events: `mask` is enough to recognise it.

const BankAccountId = prefixedId(ID_PREFIXES.bankAccount);

const BankAccountType = z.enum(['checking', 'savings', 'money_market', 'certificate_of_deposit', 'other']);
const BankAccountStatus = z
  .enum(['active', 'pending_verification', 'verification_failed', 'login_required', 'disconnected'])
  .describe('login_required: the aggregator needs the user to sign in to the bank again');
const Institution = z.strictObject({
  /** The aggregator's institution id, e.g. Plaid `ins_3`; absent for manually entered accounts. */
  id: z.string().min(1).max(64).optional(),
  name: DisplayText,
});

export const BankAccountConnected = z.strictObject({
  bankAccountId: BankAccountId,
  institution: Institution,
  accountType: BankAccountType,
  mask: Last4,
  currency: CurrencyCode,
  /** How ownership was proven: an aggregator login, or micro-deposits after manual entry. */
  verificationMethod: z.enum(['aggregator', 'micro_deposits', 'manual']),
  status: BankAccountStatus,
});
export type BankAccountConnected = z.infer<typeof BankAccountConnected>;

export const BankAccountUpdated = z.strictObject({
  bankAccountId: BankAccountId,
  status: BankAccountStatus,
  /** The status before this change; equal to `status` when only other fields changed. */
  previousStatus: BankAccountStatus,
  changedFields: z.array(z.enum(['status', 'account_type', 'institution', 'nickname', 'mask'])).min(1),
});
export type BankAccountUpdated = z.infer<typeof BankAccountUpdated>;

export const BankAccountDisconnected = z.strictObject({
  bankAccountId: BankAccountId,
  reason: z.enum(['user_requested', 'access_revoked', 'login_expired', 'account_closed', 'suspected_fraud']),
});
export type BankAccountDisconnected = z.infer<typeof BankAccountDisconnected>;

export const bankAccountEvents = {
  'bank_account.connected': {
    description: 'An external bank account was linked to an account.',
    schema: BankAccountConnected,
    example: {
      bankAccountId: 'bka_01JDQ4A1B2C3D4E5F6G7H8J9K0',
      institution: { id: 'ins_3', name: 'Chase' },
      accountType: 'checking',
      mask: '6789',
      currency: 'USD',
      verificationMethod: 'aggregator',
      status: 'active',
    } satisfies BankAccountConnected,
  },
  'bank_account.updated': {
    description: "A linked bank account's status or details changed.",
    schema: BankAccountUpdated,
    example: {
      bankAccountId: 'bka_01JDQ4A1B2C3D4E5F6G7H8J9K0',
      status: 'login_required',
      previousStatus: 'active',
      changedFields: ['status'],
    } satisfies BankAccountUpdated,
  },
  'bank_account.disconnected': {
    description: 'A linked bank account was removed and can no longer move money.',
    schema: BankAccountDisconnected,
    example: {
      bankAccountId: 'bka_01JDQ4A1B2C3D4E5F6G7H8J9K0',
      reason: 'user_requested',
    } satisfies BankAccountDisconnected,
  },
} satisfies EventDefinitions;
