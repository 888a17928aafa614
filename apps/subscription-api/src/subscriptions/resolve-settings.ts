import { EVENT_TYPES, isPlatformLevelType, typePatternMatches } from '@hookstream/events';
import { headerSettingsProblem, type SubscriptionRecord } from '@hookstream/kafka';
import type { FieldError } from '@hookstream/service-kit';
import { activeSecrets, checkSecret, rotateSecrets } from '@hookstream/signatures';
import { PROFILES, type ProfileName } from './profiles.js';
import type { StoredSubscription } from './stored-subscription.js';
import type { CreateSubscriptionBody, PatchSubscriptionBody } from './subscription.schemas.js';

type Resolved = { ok: true; stored: StoredSubscription } | { ok: false; errors: FieldError[] };

/**
 * A new subscription from a validated create body: the profile's preset first, explicit fields
 * over it, then the checks that need the whole (the secret fits the scheme; the header settings
 * can be signed with).
 */
export function resolveCreate(
  id: string,
  tenantId: string,
  body: CreateSubscriptionBody,
  secret: string,
  now: string,
): Resolved {
  const preset = body.profile === null ? undefined : PROFILES[body.profile];
  const record: SubscriptionRecord = {
    id,
    tenantId,
    url: body.url,
    name: body.name,
    description: body.description,
    eventTypes: body.eventTypes,
    accountIds: body.accountIds,
    enabled: body.enabled,
    signatureScheme: body.signatureScheme ?? preset?.signatureScheme ?? 'standard-webhooks',
    secrets: [{ value: secret, createdAt: now, expiresAt: null }],
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...nonEmpty('headers', body.headers),
    ...nonEmpty('signatureHeaders', body.signatureHeaders ?? preset?.signatureHeaders),
    idHeaderValue: body.idHeaderValue ?? preset?.idHeaderValue ?? 'webhook-id',
    payloadFormat: body.payloadFormat ?? preset?.payloadFormat ?? 'standard',
    timeoutMs: body.timeoutMs,
  };
  const errors = check(record, body.secret !== undefined);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, stored: { record, secretPolicy: body.secretPolicy, profile: body.profile } };
}

/**
 * The subscription after a PATCH: unchanged fields kept, a profile's preset applied to the
 * fields the patch does not give, and the same whole-record checks as on create. A new
 * `secret` replaces the current ones at once (use rotate for an overlap).
 */
export function resolvePatch(
  current: StoredSubscription,
  patch: PatchSubscriptionBody,
  now: string,
): Resolved {
  const before = current.record;
  const profile: ProfileName | null = patch.profile === undefined ? current.profile : patch.profile;
  const preset = patch.profile ? PROFILES[patch.profile] : undefined;
  const record: SubscriptionRecord = {
    ...before,
    url: patch.url ?? before.url,
    eventTypes: patch.eventTypes ?? before.eventTypes,
    name: patch.name === undefined ? (before.name ?? null) : patch.name,
    description: patch.description === undefined ? before.description : patch.description,
    enabled: patch.enabled ?? before.enabled,
    accountIds: patch.accountIds === undefined ? before.accountIds : patch.accountIds,
    signatureScheme: patch.signatureScheme ?? preset?.signatureScheme ?? before.signatureScheme,
    secrets:
      patch.secret === undefined
        ? before.secrets
        : rotateSecrets(toSigning(before.secrets), patch.secret, {
            now: new Date(now),
            overlapSeconds: 0,
          }).map((secret) => ({
            value: secret.value,
            createdAt: (secret.createdAt ?? new Date(now)).toISOString(),
            expiresAt: secret.expiresAt ? secret.expiresAt.toISOString() : null,
          })),
    idHeaderValue: patch.idHeaderValue ?? preset?.idHeaderValue ?? before.idHeaderValue,
    payloadFormat: patch.payloadFormat ?? preset?.payloadFormat ?? before.payloadFormat,
    timeoutMs: patch.timeoutMs ?? before.timeoutMs,
    updatedAt: now,
    version: before.version + 1,
  };
  delete record.headers;
  delete record.signatureHeaders;
  Object.assign(
    record,
    nonEmpty('headers', patch.headers === undefined ? before.headers : patch.headers),
    nonEmpty(
      'signatureHeaders',
      patch.signatureHeaders === undefined
        ? (preset?.signatureHeaders ?? before.signatureHeaders)
        : patch.signatureHeaders,
    ),
  );
  const errors = check(record, patch.secret !== undefined);
  // Otherwise anyone holding a key could make a shown-once secret readable after the fact.
  if (patch.secretPolicy === 'retrievable' && current.secretPolicy !== 'retrievable')
    errors.push({
      field: 'secretPolicy',
      message: 'a shown-once secret cannot become retrievable; choose it at creation',
    });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, stored: { record, secretPolicy: patch.secretPolicy ?? current.secretPolicy, profile } };
}

function check(record: SubscriptionRecord, secretGiven: boolean): FieldError[] {
  const errors: FieldError[] = [];
  // The signer's own rule, so the API never stores a secret that deliveries cannot sign with.
  for (const secret of activeSecrets(toSigning(record.secrets), Date.now())) {
    const checked = checkSecret(record.signatureScheme, secret.value);
    if (!checked.ok) {
      errors.push(
        secretGiven
          ? { field: 'secret', message: checked.message }
          : {
              field: 'signatureScheme',
              message: `the current secret cannot sign with ${record.signatureScheme} (${checked.message}); send a secret that fits it too`,
            },
      );
      break;
    }
  }
  if (record.accountIds !== null) {
    record.eventTypes.forEach((pattern, index) => {
      const selected = EVENT_TYPES.filter((type) => typePatternMatches(pattern, type));
      if (selected.length > 0 && selected.every(isPlatformLevelType))
        errors.push({
          field: `eventTypes.${index}`,
          message: `${selected.join(', ')} ${selected.length === 1 ? 'is a platform-level type' : 'are platform-level types'} with no account; a subscription with accountIds would never receive ${selected.length === 1 ? 'it' : 'them'} (set accountIds to null)`,
        });
    });
  }
  const headerProblem = headerSettingsProblem(record);
  if (headerProblem) errors.push(headerProblem);
  return errors;
}

function toSigning(secrets: SubscriptionRecord['secrets']) {
  return secrets.map((secret) => ({
    value: secret.value,
    createdAt: new Date(secret.createdAt),
    expiresAt: secret.expiresAt === null ? null : new Date(secret.expiresAt),
  }));
}

/** `{[key]: value}` when value is a non-empty object, else nothing (empty settings mean defaults). */
function nonEmpty<K extends string, V extends object>(
  key: K,
  value: V | null | undefined,
): Partial<Record<K, V>> {
  if (value === null || value === undefined || Object.keys(value).length === 0) return {};
  return { [key]: value } as Partial<Record<K, V>>;
}
