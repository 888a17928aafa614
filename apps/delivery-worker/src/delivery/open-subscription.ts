import type { Keyring } from '@hookstream/envelope-encryption';
import { openSubscriptionSecrets, type SubscriptionRecord } from '@hookstream/kafka';

/** A subscription whose sealed secrets or header values do not open with this worker's keys. */
export class UndecryptableSubscriptionError extends Error {
  constructor(
    readonly subscriptionId: string,
    readonly field: string,
    readonly failure: string,
    readonly keyId: string | undefined,
  ) {
    super(
      `subscription ${subscriptionId}: ${field} cannot be decrypted (${failure}${keyId ? `, key ${keyId}` : ''}); is a key missing from HOOKSTREAM_ENCRYPTION_KEYS?`,
    );
    this.name = 'UndecryptableSubscriptionError';
  }
}

/**
 * Opens a subscription's sealed secrets and header values for signing and sending. Opened
 * records are cached per record object of the view: the view replaces the object when the
 * subscription changes, so the cache never serves stale secrets and costs no decryption per
 * task (two AES-GCM operations per sealed value otherwise). A WeakMap lets records the view
 * dropped be collected with their opened copy.
 */
export class SubscriptionOpener {
  private readonly opened = new WeakMap<SubscriptionRecord, SubscriptionRecord>();

  constructor(private readonly keyring: Keyring) {}

  /** The record with secrets in clear; throws UndecryptableSubscriptionError (no value in it). */
  open(record: SubscriptionRecord): SubscriptionRecord {
    const cached = this.opened.get(record);
    if (cached) return cached;
    const result = openSubscriptionSecrets(record, this.keyring);
    if (!result.ok)
      throw new UndecryptableSubscriptionError(record.id, result.field, result.failure, result.keyId);
    this.opened.set(record, result.record);
    return result.record;
  }
}
