import type { EventType } from './catalog/index.js';

/**
 * Types published about the platform as a whole, without an `accountId` in the envelope: a
 * subscription scoped to accounts (`accountIds`) can never receive them, so the API refuses
 * such a combination instead of accepting a subscription that silently gets nothing.
 * - `rate.changed`: a published lending rate, the same for every customer;
 * - `account.created`: published when onboarding starts, before the account can be scoped to
 *   (its id is in `data`);
 * - `subscription.disabled`: operational, about a subscription, not an account.
 */
export const PLATFORM_LEVEL_TYPES: readonly EventType[] = Object.freeze([
  'rate.changed',
  'account.created',
  'subscription.disabled',
]);

export function isPlatformLevelType(type: string): boolean {
  return (PLATFORM_LEVEL_TYPES as readonly string[]).includes(type);
}
