import type { PayloadFormat } from '@hookstream/events';
import type { SignatureHeaderNames } from '@hookstream/kafka';
import type { SignatureSchemeName } from '@hookstream/signatures';

/**
 * Presets that reproduce a partner's documented webhook with one field. A preset fills the
 * scheme, header names, id header value and body shape; any of them given explicitly wins.
 */
export const PROFILE_NAMES = ['ratio', 'rateapi', 'kyc', 'equals'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface ProfileSettings {
  signatureScheme: SignatureSchemeName;
  signatureHeaders: SignatureHeaderNames;
  idHeaderValue: 'webhook-id' | 'event-id';
  payloadFormat: PayloadFormat;
}

export const PROFILES: Readonly<Record<ProfileName, ProfileSettings>> = {
  // Ratio: hex HMAC-SHA512 of `timestamp.body`; body {userId, event, data}.
  ratio: {
    signatureScheme: 'hmac-sha512-timestamp-hex',
    signatureHeaders: {
      signature: 'ratio-webhook-signature',
      timestamp: 'ratio-webhook-signature-timestamp',
    },
    idHeaderValue: 'webhook-id',
    payloadFormat: 'event-data',
  },
  // RateAPI: `X-RateAPI-Signature: sha256=<hex>` of the body, a timestamp, and the event id.
  rateapi: {
    signatureScheme: 'hmac-sha256-hex',
    signatureHeaders: {
      signature: 'X-RateAPI-Signature',
      timestamp: 'X-RateAPI-Timestamp',
      id: 'X-RateAPI-Event-Id',
    },
    idHeaderValue: 'event-id',
    payloadFormat: 'standard',
  },
  // The KYC provider: X-Webhook-ID/-Timestamp/-Signature (sha256=<hex>); body {id, type, created, data}.
  kyc: {
    signatureScheme: 'hmac-sha256-hex',
    signatureHeaders: {
      signature: 'X-Webhook-Signature',
      timestamp: 'X-Webhook-Timestamp',
      id: 'X-Webhook-ID',
    },
    idHeaderValue: 'webhook-id',
    payloadFormat: 'envelope-unix',
  },
  // Equals: base64 HMAC-SHA256 of the body in x-em-signature; the customer adds `Authorization`.
  equals: {
    signatureScheme: 'hmac-sha256-base64',
    signatureHeaders: { signature: 'x-em-signature' },
    idHeaderValue: 'webhook-id',
    payloadFormat: 'standard',
  },
};
