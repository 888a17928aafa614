import { z } from 'zod';
import { CountryCode, CurrencyCode, DisplayText, Last4, MinorUnits, UtcTimestamp } from '../fields.js';
import { ID_PREFIXES, prefixedId } from '../ids.js';
import type { EventDefinitions } from './definition.js';

// Cards issued on the platform. Events carry only the last four digits and the expiry, never
// the full card number or CVV, so webhook receivers stay out of PCI scope.

const CardId = prefixedId(ID_PREFIXES.card);

const CardNetwork = z.enum(['visa', 'mastercard']);
const Merchant = z.strictObject({
  name: DisplayText,
  /** ISO-18245 merchant category code, four digits. */
  mcc: z.string().regex(/^\d{4}$/, { error: 'expected a four-digit merchant category code' }),
  city: DisplayText.optional(),
  country: CountryCode,
});

export const CardCreated = z.strictObject({
  cardId: CardId,
  network: CardNetwork,
  form: z.enum(['physical', 'virtual']),
  last4: Last4,
  expMonth: z.int().min(1).max(12),
  expYear: z.int().min(2000).max(2100),
  status: z
    .enum(['inactive', 'active'])
    .describe('Physical cards start inactive until the holder activates them'),
  currency: CurrencyCode,
});
export type CardCreated = z.infer<typeof CardCreated>;

export const CardTransactionCreated = z.strictObject({
  transactionId: prefixedId(ID_PREFIXES.transaction),
  cardId: CardId,
  kind: z.enum(['authorization', 'capture', 'refund', 'reversal']),
  status: z.enum(['approved', 'declined']),
  /** In the card's currency. */
  amount: MinorUnits,
  currency: CurrencyCode,
  /** What the merchant charged, when it differs from the card's currency. */
  merchantAmount: MinorUnits.optional(),
  merchantCurrency: CurrencyCode.optional(),
  merchant: Merchant,
  /** Present only when `status` is `declined`. */
  declineReason: z
    .enum([
      'insufficient_funds',
      'card_inactive',
      'card_frozen',
      'limit_exceeded',
      'suspected_fraud',
      'invalid_cvv',
    ])
    .optional(),
  entryMode: z.enum(['chip', 'contactless', 'swipe', 'online', 'manual']),
});
export type CardTransactionCreated = z.infer<typeof CardTransactionCreated>;

export const Card3dsAuthRequested = z.strictObject({
  authenticationId: prefixedId(ID_PREFIXES.threeDsAuthentication),
  cardId: CardId,
  amount: MinorUnits,
  currency: CurrencyCode,
  merchant: Merchant.pick({ name: true, country: true }),
  channel: z.enum(['browser', 'app']),
  /** How the holder is asked to confirm the purchase. */
  challengeMethod: z.enum(['otp_sms', 'otp_email', 'in_app', 'biometric']),
  /** After this instant the merchant treats the challenge as failed (typically 5 minutes). */
  expiresAt: UtcTimestamp,
});
export type Card3dsAuthRequested = z.infer<typeof Card3dsAuthRequested>;

const WalletTokenStatus = z.enum(['requested', 'active', 'suspended', 'deactivated']);

export const CardWalletTokenTransitioned = z.strictObject({
  walletTokenId: prefixedId(ID_PREFIXES.walletToken),
  cardId: CardId,
  wallet: z.enum(['apple_pay', 'google_pay', 'samsung_pay']),
  fromStatus: WalletTokenStatus,
  toStatus: WalletTokenStatus,
  /** Who caused the transition: the holder, the issuer, or the network / wallet provider. */
  initiatedBy: z.enum(['cardholder', 'issuer', 'network']),
  deviceType: z.enum(['phone', 'watch', 'tablet', 'other']),
});
export type CardWalletTokenTransitioned = z.infer<typeof CardWalletTokenTransitioned>;

export const cardEvents = {
  'card.created': {
    description: 'A physical or virtual card was issued.',
    schema: CardCreated,
    example: {
      cardId: 'card_01JDQ4R2S3T4V5W6X7Y8Z9A0B1',
      network: 'visa',
      form: 'virtual',
      last4: '4242',
      expMonth: 11,
      expYear: 2030,
      status: 'active',
      currency: 'USD',
    } satisfies CardCreated,
  },
  'card.transaction.created': {
    description: 'A card authorization, capture, refund or reversal was processed.',
    schema: CardTransactionCreated,
    example: {
      transactionId: 'txn_01JDQ4T3V4W5X6Y7Z8A9B0C1D2',
      cardId: 'card_01JDQ4R2S3T4V5W6X7Y8Z9A0B1',
      kind: 'authorization',
      status: 'approved',
      amount: 4599,
      currency: 'USD',
      merchantAmount: 4250,
      merchantCurrency: 'EUR',
      merchant: { name: 'Café Lumière', mcc: '5814', city: 'Paris', country: 'FR' },
      entryMode: 'contactless',
    } satisfies CardTransactionCreated,
  },
  'card.3ds_auth.requested': {
    description: 'A merchant requested 3-D Secure authentication of an online card payment.',
    schema: Card3dsAuthRequested,
    example: {
      authenticationId: 'tds_01JDQ4V5W6X7Y8Z9A0B1C2D3E4',
      cardId: 'card_01JDQ4R2S3T4V5W6X7Y8Z9A0B1',
      amount: 18999,
      currency: 'USD',
      merchant: { name: 'Example Electronics', country: 'US' },
      channel: 'browser',
      challengeMethod: 'otp_sms',
      expiresAt: '2026-11-22T10:05:00.000Z',
    } satisfies Card3dsAuthRequested,
  },
  'card.wallet_token.transitioned': {
    description: 'A digital-wallet token for a card changed status, e.g. activated in Apple Pay.',
    schema: CardWalletTokenTransitioned,
    example: {
      walletTokenId: 'wtk_01JDQ4X6Y7Z8A9B0C1D2E3F4G5',
      cardId: 'card_01JDQ4R2S3T4V5W6X7Y8Z9A0B1',
      wallet: 'apple_pay',
      fromStatus: 'requested',
      toStatus: 'active',
      initiatedBy: 'cardholder',
      deviceType: 'phone',
    } satisfies CardWalletTokenTransitioned,
  },
} satisfies EventDefinitions;
