import { z } from 'zod';
import { CurrencyCode, Direction, DisplayText, MinorUnits, PaymentRail, UtcTimestamp } from '../fields.js';
import { ID_PREFIXES, prefixedId } from '../ids.js';
import type { EventDefinitions } from './definition.js';

// A money movement on a platform account, as it appears on the statement.

const TransactionId = prefixedId(ID_PREFIXES.transaction);

const TransactionStatus = z
  .enum(['pending', 'posted', 'declined', 'returned', 'reversed'])
  .describe('pending: authorised or in flight; posted: final on the ledger');

/** The fields both transaction events carry, so `updated` is a full snapshot, not a diff. */
const TransactionSnapshot = {
  transactionId: TransactionId,
  amount: MinorUnits,
  currency: CurrencyCode,
  direction: Direction,
  rail: PaymentRail,
  status: TransactionStatus,
  /** Statement text as the account holder sees it. */
  description: DisplayText,
  counterpartyName: DisplayText.optional(),
  /** When the ledger entry became final; present once `status` is `posted`. */
  postedAt: UtcTimestamp.optional(),
};

export const TransactionCreated = z.strictObject(TransactionSnapshot);
export type TransactionCreated = z.infer<typeof TransactionCreated>;

export const TransactionUpdated = z.strictObject({
  ...TransactionSnapshot,
  previousStatus: TransactionStatus,
});
export type TransactionUpdated = z.infer<typeof TransactionUpdated>;

export const transactionEvents = {
  'transaction.created': {
    description: 'A transaction was recorded on an account.',
    schema: TransactionCreated,
    example: {
      transactionId: 'txn_01JDQ4F3G4H5J6K7M8N9P0Q1R2',
      amount: 125000,
      currency: 'USD',
      direction: 'credit',
      rail: 'ach',
      status: 'pending',
      description: 'ACME CORP PAYROLL',
      counterpartyName: 'Acme Corp',
    } satisfies TransactionCreated,
  },
  'transaction.updated': {
    description: "A transaction's status changed, e.g. pending to posted or returned.",
    schema: TransactionUpdated,
    example: {
      transactionId: 'txn_01JDQ4F3G4H5J6K7M8N9P0Q1R2',
      amount: 125000,
      currency: 'USD',
      direction: 'credit',
      rail: 'ach',
      status: 'posted',
      previousStatus: 'pending',
      description: 'ACME CORP PAYROLL',
      counterpartyName: 'Acme Corp',
      postedAt: '2026-11-24T14:00:00.000Z',
    } satisfies TransactionUpdated,
  },
} satisfies EventDefinitions;
