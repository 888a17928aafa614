import { EVENT_TYPES } from '@hookstream/events';
import type { SubscriptionRecord } from '@hookstream/kafka';

/** Deterministic pseudo-random numbers (mulberry32), so every run matches the same population. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Families of the catalog ("card" from "card.created"), for `prefix.*` patterns. */
export function typeFamilies(types: readonly string[]): string[] {
  return [...new Set(types.map((type) => type.split('.')[0] ?? type))];
}

/**
 * `count` subscriptions spread evenly over `tenants` tenants: half name one or two exact types,
 * 35 % a `family.*` pattern, 15 % `*`. That mix is what the issue asks to match against.
 */
export function subscriptionPopulation(count: number, tenants: number, seed = 7): SubscriptionRecord[] {
  const random = seededRandom(seed);
  const types = EVENT_TYPES;
  const families = typeFamilies(types);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const at = '2026-11-22T10:00:00.000Z';
  const records: SubscriptionRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const roll = random();
    const eventTypesOfSub =
      roll < 0.5
        ? [...new Set([pick(types), pick(types)])].slice(0, 1 + Math.floor(random() * 2))
        : roll < 0.85
          ? [`${pick(families)}.*`]
          : ['*'];
    records.push({
      id: `sub_bench${i}`,
      tenantId: `ten_bench${i % tenants}`,
      url: `https://endpoint${i}.example.com/hook`,
      description: null,
      eventTypes: eventTypesOfSub,
      accountIds: null,
      enabled: true,
      signatureScheme: 'standard-webhooks',
      secrets: [
        { value: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=', createdAt: at, expiresAt: null },
      ],
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
  }
  return records;
}
