import type { SubscriptionRecord } from '@hookstream/kafka';
import type { ProfileName } from './profiles.js';
import type { SecretPolicy } from './subscription.schemas.js';

/** A subscription as the API keeps it: the record it publishes, plus what only the API needs. */
export interface StoredSubscription {
  record: SubscriptionRecord;
  secretPolicy: SecretPolicy;
  /** The preset last applied, for display; the record holds the resulting settings. */
  profile: ProfileName | null;
  /** Why the platform disabled it (410 Gone, failing too long); null or absent otherwise. */
  disabledReason?: string | null;
}

/** The delivery settings of a record in one object (the `delivery` jsonb column), undefined parts omitted. */
export function deliverySettingsOf(
  record: SubscriptionRecord,
  profile: ProfileName | null,
): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  if (record.headers !== undefined) settings.headers = record.headers;
  if (record.signatureHeaders !== undefined) settings.signatureHeaders = record.signatureHeaders;
  if (record.idHeaderValue !== undefined) settings.idHeaderValue = record.idHeaderValue;
  if (record.payloadFormat !== undefined) settings.payloadFormat = record.payloadFormat;
  if (record.timeoutMs !== undefined) settings.timeoutMs = record.timeoutMs;
  if (profile !== null) settings.profile = profile;
  return settings;
}
