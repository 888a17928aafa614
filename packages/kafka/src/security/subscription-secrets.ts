import {
  type DecryptFailure,
  decrypt,
  encrypt,
  isEncrypted,
  type Keyring,
  rewrap,
} from '@hookstream/envelope-encryption';
import type { SubscriptionRecord } from '../messages/subscription-record.js';

/**
 * The secret parts of a subscription record: its signing secrets and the values of its custom
 * headers (they often carry `Authorization`). Everywhere a record is stored or travels
 * (Postgres, the outbox, the subscriptions topic) these are envelope-encrypted ("sealed");
 * only the API (to show a secret once, or to test-send) and the delivery worker (to sign and
 * send) open them. Each value is bound to its subscription and field, so a ciphertext copied
 * into another record does not open.
 */
const secretContext = (id: string) => `${id}/secret`;
const headerContext = (id: string, name: string) => `${id}/header/${name.toLowerCase()}`;

/** Encrypts every secret part not encrypted yet; encrypted ones are left as they are. */
export function sealSubscriptionSecrets(record: SubscriptionRecord, keyring: Keyring): SubscriptionRecord {
  const seal = (value: string, context: string) =>
    isEncrypted(value) ? value : encrypt(keyring, value, context);
  const sealed: SubscriptionRecord = {
    ...record,
    secrets: record.secrets.map((secret) => ({
      ...secret,
      value: seal(secret.value, secretContext(record.id)),
    })),
  };
  if (record.headers !== undefined) {
    sealed.headers = Object.fromEntries(
      Object.entries(record.headers).map(([name, value]) => [
        name,
        seal(value, headerContext(record.id, name)),
      ]),
    );
  }
  return sealed;
}

export type OpenedSubscription =
  | { readonly ok: true; readonly record: SubscriptionRecord; readonly legacyPlaintext: boolean }
  | { readonly ok: false; readonly failure: DecryptFailure; readonly field: string; readonly keyId?: string };

/**
 * Decrypts the secret parts. A value that is not encrypted at all is taken as it is and
 * reported as `legacyPlaintext` (records written before encryption; `admin re-encrypt` seals
 * them). A value that is encrypted but does not open is a failure naming the field, never the
 * value, for the caller to skip the record with a metric and a log line.
 */
export function openSubscriptionSecrets(record: SubscriptionRecord, keyring: Keyring): OpenedSubscription {
  let legacyPlaintext = false;
  const open = (
    value: string,
    context: string,
    field: string,
  ): string | Extract<OpenedSubscription, { ok: false }> => {
    if (!isEncrypted(value)) {
      legacyPlaintext = true;
      return value;
    }
    const result = decrypt(keyring, value, context);
    if (result.ok) return result.plaintext;
    return { ok: false, failure: result.failure, field, ...(result.keyId ? { keyId: result.keyId } : {}) };
  };
  const secrets: SubscriptionRecord['secrets'] = [];
  for (const [index, secret] of record.secrets.entries()) {
    const value = open(secret.value, secretContext(record.id), `secrets.${index}`);
    if (typeof value !== 'string') return value;
    secrets.push({ ...secret, value });
  }
  const opened: SubscriptionRecord = { ...record, secrets };
  if (record.headers !== undefined) {
    const headers: Record<string, string> = {};
    for (const [name, sealed] of Object.entries(record.headers)) {
      const value = open(sealed, headerContext(record.id, name), `headers.${name}`);
      if (typeof value !== 'string') return value;
      headers[name] = value;
    }
    opened.headers = headers;
  }
  return { ok: true, record: opened, legacyPlaintext };
}

export type ResealResult =
  | { readonly ok: true; readonly record: SubscriptionRecord; readonly changed: boolean }
  | { readonly ok: false; readonly failure: DecryptFailure; readonly field: string };

/**
 * Puts every secret part under the keyring's active key: rewraps encrypted values (without
 * opening their payload), encrypts legacy plaintext. `changed` is false when nothing needed it,
 * so the re-encrypt command can be run again safely.
 */
export function resealSubscriptionSecrets(record: SubscriptionRecord, keyring: Keyring): ResealResult {
  let changed = false;
  const reseal = (
    value: string,
    context: string,
    field: string,
  ): string | Extract<ResealResult, { ok: false }> => {
    if (!isEncrypted(value)) {
      changed = true;
      return encrypt(keyring, value, context);
    }
    const result = rewrap(keyring, value);
    if (!result.ok) return { ok: false, failure: result.failure, field };
    if (result.changed) changed = true;
    return result.value;
  };
  const secrets: SubscriptionRecord['secrets'] = [];
  for (const [index, secret] of record.secrets.entries()) {
    const value = reseal(secret.value, secretContext(record.id), `secrets.${index}`);
    if (typeof value !== 'string') return value;
    secrets.push({ ...secret, value });
  }
  const resealed: SubscriptionRecord = { ...record, secrets };
  if (record.headers !== undefined) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(record.headers)) {
      const next = reseal(value, headerContext(record.id, name), `headers.${name}`);
      if (typeof next !== 'string') return next;
      headers[name] = next;
    }
    resealed.headers = headers;
  }
  return { ok: true, record: resealed, changed };
}

/** Whether every secret part is sealed: the outbox refuses a subscription record that is not. */
export function subscriptionSecretsSealed(record: SubscriptionRecord): boolean {
  return (
    record.secrets.every((secret) => isEncrypted(secret.value)) &&
    Object.values(record.headers ?? {}).every((value) => isEncrypted(value))
  );
}

/** What the router holds: everything it needs to match and shape, no secret parts at all. */
export function withoutSecrets(record: SubscriptionRecord): SubscriptionRecord {
  const { headers: _headers, ...rest } = record;
  return { ...rest, secrets: record.secrets.map((secret) => ({ ...secret, value: 'redacted' })) };
}
