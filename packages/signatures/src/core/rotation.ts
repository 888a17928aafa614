/**
 * Key rotation. A subscription holds a list of secrets; each may carry an expiry. Rotating adds a
 * new secret and gives the previous ones an expiry one overlap later, so receivers have that long
 * to switch while every delivery still carries a signature they can check.
 */

/** How long a replaced secret keeps signing after a rotation: 24 h, in seconds. */
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 24 * 60 * 60;

export interface SigningSecret {
  /** `whsec_…` for `standard-webhooks`; any non-empty string (used as UTF-8 bytes) for the others. */
  readonly value: string;
  /** When it was created; decides which secret is newest (single-signature schemes sign with that one). */
  readonly createdAt?: Date | null;
  /** From this instant on the secret neither signs nor verifies; `null`/absent: never expires. */
  readonly expiresAt?: Date | null;
}

/** Anything that names secrets: one string, or a list of strings and/or `SigningSecret`s. */
export type SecretsInput = string | readonly (string | SigningSecret)[];

function toSigningSecret(secret: string | SigningSecret): SigningSecret {
  return typeof secret === 'string' ? { value: secret } : secret;
}

export function isExpired(secret: SigningSecret, nowMs: number): boolean {
  const expiresAt = secret.expiresAt;
  return expiresAt !== undefined && expiresAt !== null && expiresAt.getTime() <= nowMs;
}

/**
 * The unexpired secrets, newest first. Newest means the latest `createdAt`; a secret without one
 * counts as older than any that has one, and between equals the later list position is newer
 * (so a plain list of strings reads oldest → newest, the order people append in).
 */
export function activeSecrets(secrets: SecretsInput, nowMs: number): SigningSecret[] {
  // Fast path for the common case of one secret; signing is on the hot path.
  if (typeof secrets === 'string') return [{ value: secrets }];
  if (secrets.length === 1) {
    const only = toSigningSecret(secrets[0] as string | SigningSecret);
    return isExpired(only, nowMs) ? [] : [only];
  }
  const ranked: { secret: SigningSecret; created: number; position: number }[] = [];
  secrets.forEach((entry, position) => {
    const secret = toSigningSecret(entry);
    if (isExpired(secret, nowMs)) return;
    ranked.push({ secret, created: secret.createdAt?.getTime() ?? Number.NEGATIVE_INFINITY, position });
  });
  ranked.sort((a, b) => b.created - a.created || b.position - a.position);
  return ranked.map((r) => r.secret);
}

export interface RotateOptions {
  readonly now?: Date;
  /** Seconds the replaced secrets keep working; default 24 h. 0 revokes them at once. */
  readonly overlapSeconds?: number;
}

/**
 * The secret list after adding `newSecret`: the new one first, never expiring; the others keep an
 * earlier expiry if they already had one, else expire `overlapSeconds` from now. Already-expired
 * secrets are dropped. Pure: the caller persists the result.
 */
export function rotateSecrets(
  current: readonly SigningSecret[],
  newSecret: string,
  options: RotateOptions = {},
): SigningSecret[] {
  const now = options.now ?? new Date();
  const overlapSeconds = options.overlapSeconds ?? DEFAULT_ROTATION_OVERLAP_SECONDS;
  if (!Number.isFinite(overlapSeconds) || overlapSeconds < 0) {
    throw new RangeError(`overlapSeconds must be a finite number >= 0, got ${overlapSeconds}`);
  }
  const overlapEnd = new Date(now.getTime() + overlapSeconds * 1000);
  const kept = current
    .filter((secret) => !isExpired(secret, now.getTime()) && secret.value !== newSecret)
    .map((secret) => {
      const expiresAt =
        secret.expiresAt != null && secret.expiresAt.getTime() < overlapEnd.getTime()
          ? secret.expiresAt
          : overlapEnd;
      return { ...secret, expiresAt };
    });
  return [
    { value: newSecret, createdAt: now, expiresAt: null },
    ...kept.filter((s) => !isExpired(s, now.getTime())),
  ];
}

const isOptionalDate = (value: unknown): boolean =>
  value === undefined || value === null || value instanceof Date;

/** Runtime shape check for secrets handed in from untyped code (JS receivers, parsed config). */
export function isSecretsInput(value: unknown): value is SecretsInput {
  if (typeof value === 'string') return true;
  if (!Array.isArray(value)) return false;
  return value.every(
    (entry: unknown) =>
      typeof entry === 'string' ||
      (typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as SigningSecret).value === 'string' &&
        isOptionalDate((entry as SigningSecret).createdAt) &&
        isOptionalDate((entry as SigningSecret).expiresAt)),
  );
}
