import { EventType } from '@hookstream/events';
import { z } from 'zod';

export const TestSendBody = z.strictObject({
  /** The catalog type whose example is sent; default: the first type the subscription wants. */
  eventType: EventType.optional(),
});
export type TestSendBody = z.infer<typeof TestSendBody>;

export interface TestSendResult {
  /** true when the endpoint answered 2xx. */
  delivered: boolean;
  /** The endpoint's status code; null when no answer came (refused, timed out). */
  responseCode: number | null;
  /** From sending the request to the end of the answer's headers, in ms. */
  responseTimeMs: number;
  /** The webhook id the request carried (a fresh `msg_…`; test sends are not retried). */
  webhookId: string;
  /** Why it was not delivered; null when delivered. */
  error: string | null;
}
