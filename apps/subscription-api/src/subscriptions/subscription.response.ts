import type { SubscriptionRecord } from '@hookstream/kafka';
import { activeSecrets, maskSecret } from '@hookstream/signatures';

export interface SubscriptionResponse {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  accountIds: string[] | null;
  enabled: boolean;
  signatureScheme: string;
  /** The signing secret in clear: only in the response that created it. */
  secret?: string;
  /** The newest secret, masked, for telling secrets apart. */
  secretHint: string;
  createdAt: string;
  updatedAt: string;
}

export function toSubscriptionResponse(record: SubscriptionRecord, reveal = false): SubscriptionResponse {
  // Newest by the signer's rule (latest createdAt), whatever the list order.
  const newest =
    activeSecrets(
      record.secrets.map((secret) => ({ value: secret.value, createdAt: new Date(secret.createdAt) })),
      Date.now(),
    )[0]?.value ?? '';
  return {
    id: record.id,
    url: record.url,
    description: record.description,
    eventTypes: record.eventTypes,
    accountIds: record.accountIds,
    enabled: record.enabled,
    signatureScheme: record.signatureScheme,
    ...(reveal ? { secret: newest } : {}),
    secretHint: maskSecret(newest),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
