import { z } from 'zod';
import { CalendarDate, CurrencyCode, Direction, DisplayText, MinorUnits, PaymentRail } from '../fields.js';
import { ID_PREFIXES, prefixedId } from '../ids.js';
import type { EventDefinitions } from './definition.js';

// An order is a payment order: an instruction to move money between a platform account and
// a linked bank account or counterparty. When it settles it produces a transaction.

const OrderId = prefixedId(ID_PREFIXES.order);

/** The money and route of an order, repeated on every order event so each stands alone. */
const OrderTerms = {
  orderId: OrderId,
  amount: MinorUnits,
  currency: CurrencyCode,
  /** debit pulls money into the account; credit pays it out. */
  direction: Direction,
  rail: PaymentRail,
};

export const OrderCreated = z.strictObject({
  ...OrderTerms,
  /** The linked external account on the other side, when there is one. */
  bankAccountId: prefixedId(ID_PREFIXES.bankAccount).optional(),
  counterpartyName: DisplayText,
  /** Remittance text sent with the payment. */
  reference: z.string().min(1).max(140),
  status: z.enum(['pending_approval', 'approved', 'scheduled', 'processing']),
  /** Business date on which the payment will be sent, in the bank's time zone. */
  scheduledFor: CalendarDate.optional(),
});
export type OrderCreated = z.infer<typeof OrderCreated>;

export const OrderCompleted = z.strictObject({
  ...OrderTerms,
  /** The ledger transaction the order produced. */
  transactionId: prefixedId(ID_PREFIXES.transaction),
  /** The date the funds settled. */
  settlementDate: CalendarDate,
});
export type OrderCompleted = z.infer<typeof OrderCompleted>;

export const OrderCancelled = z.strictObject({
  ...OrderTerms,
  reason: z.enum(['requested', 'insufficient_funds', 'compliance_hold', 'approval_expired', 'duplicate']),
  cancelledBy: z.enum(['account_holder', 'operator', 'system']),
});
export type OrderCancelled = z.infer<typeof OrderCancelled>;

export const orderEvents = {
  'order.created': {
    description: 'A payment order was created.',
    schema: OrderCreated,
    example: {
      orderId: 'ord_01JDQ4K5M6N7P8Q9R0S1T2V3W4',
      amount: 250000,
      currency: 'USD',
      direction: 'credit',
      rail: 'ach',
      bankAccountId: 'bka_01JDQ4A1B2C3D4E5F6G7H8J9K0',
      counterpartyName: 'Jane Doe',
      reference: 'Invoice 2026-118',
      status: 'scheduled',
      scheduledFor: '2026-11-24',
    } satisfies OrderCreated,
  },
  'order.completed': {
    description: 'A payment order settled and the money moved.',
    schema: OrderCompleted,
    example: {
      orderId: 'ord_01JDQ4K5M6N7P8Q9R0S1T2V3W4',
      amount: 250000,
      currency: 'USD',
      direction: 'credit',
      rail: 'ach',
      transactionId: 'txn_01JDQ4M7N8P9Q0R1S2T3V4W5X6',
      settlementDate: '2026-11-25',
    } satisfies OrderCompleted,
  },
  'order.cancelled': {
    description: 'A payment order was cancelled before any money moved.',
    schema: OrderCancelled,
    example: {
      orderId: 'ord_01JDQ4K5M6N7P8Q9R0S1T2V3W4',
      amount: 250000,
      currency: 'USD',
      direction: 'credit',
      rail: 'ach',
      reason: 'insufficient_funds',
      cancelledBy: 'system',
    } satisfies OrderCancelled,
  },
} satisfies EventDefinitions;
