import { activeSecrets, maskSecret } from '@hookstream/signatures';
import type { StoredSubscription } from './stored-subscription.js';

export interface SubscriptionResponse {
  id: string;
  url: string;
  name: string | null;
  description: string | null;
  eventTypes: string[];
  accountIds: string[] | null;
  enabled: boolean;
  /** Why the platform disabled it (410 Gone, failing too long); null when enabled or disabled by the tenant. */
  disabledReason: string | null;
  signatureScheme: string;
  /** The signing secret in clear: only in the response that created it (or per secretPolicy). */
  secret?: string;
  /** The newest secret, masked, for telling secrets apart. */
  secretHint: string;
  secretPolicy: string;
  /** Extra delivery headers with their values masked (they are credentials). */
  headers: Record<string, string>;
  signatureHeaders: Record<string, string>;
  idHeaderValue: string;
  payloadFormat: string;
  /** null: the deployment's default (records created before this setting existed). */
  timeoutMs: number | null;
  profile: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The newest active secret by the signer's rule (latest createdAt), whatever the list order. */
export function newestSecret(stored: StoredSubscription): string {
  return (
    activeSecrets(
      stored.record.secrets.map((secret) => ({
        value: secret.value,
        createdAt: new Date(secret.createdAt),
        expiresAt: secret.expiresAt === null ? null : new Date(secret.expiresAt),
      })),
      Date.now(),
    )[0]?.value ?? ''
  );
}

export function toSubscriptionResponse(stored: StoredSubscription, reveal = false): SubscriptionResponse {
  const { record } = stored;
  const newest = newestSecret(stored);
  return {
    id: record.id,
    url: record.url,
    name: record.name ?? null,
    description: record.description,
    eventTypes: record.eventTypes,
    accountIds: record.accountIds,
    enabled: record.enabled,
    disabledReason: record.enabled ? null : (stored.disabledReason ?? null),
    signatureScheme: record.signatureScheme,
    ...(reveal ? { secret: newest } : {}),
    secretHint: maskSecret(newest),
    secretPolicy: stored.secretPolicy,
    headers: Object.fromEntries(
      Object.entries(record.headers ?? {}).map(([name, value]) => [name, maskSecret(value)]),
    ),
    signatureHeaders: Object.fromEntries(
      Object.entries(record.signatureHeaders ?? {}).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    ),
    idHeaderValue: record.idHeaderValue ?? 'webhook-id',
    payloadFormat: record.payloadFormat ?? 'standard',
    timeoutMs: record.timeoutMs ?? null,
    profile: stored.profile,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
