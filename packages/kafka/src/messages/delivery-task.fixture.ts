import type { DeliveryTask } from './delivery-task.js';

/**
 * A valid first-attempt delivery task for tests: msg_1 of evt_1 (card.created) for sub_1 of
 * ten_1, no account, body `{}`, created 2026-11-22T10:00:00.000Z, due now; pass overrides for
 * what the test is about.
 */
export function deliveryTaskFixture(overrides: Partial<DeliveryTask> = {}): DeliveryTask {
  return {
    messageId: 'msg_1',
    eventId: 'evt_1',
    eventType: 'card.created',
    tenantId: 'ten_1',
    accountId: null,
    subscriptionId: 'sub_1',
    payload: '{}',
    attempt: 1,
    createdAt: '2026-11-22T10:00:00.000Z',
    notBefore: null,
    ...overrides,
  };
}
