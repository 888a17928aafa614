import { kafkaEnvShape } from '@hookstream/kafka';
import { z } from 'zod';

export const DemoEnv = z.object({
  /** Base URL of subscription-api. */
  HOOKSTREAM_API_URL: z.url().default('http://127.0.0.1:8080'),
  /** A tenant's API key (./hookstream up creates a demo tenant and passes its key). */
  HOOKSTREAM_API_KEY: z.string().min(1, 'set HOOKSTREAM_API_KEY to a tenant API key'),
  /** The tenant the key belongs to; events are published for it. */
  HOOKSTREAM_TENANT_ID: z.string().startsWith('ten_'),
  /** Port of the demo receiver on 127.0.0.1. */
  DEMO_RECEIVER_PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  /** How long to wait for all deliveries, in ms. */
  DEMO_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Exit once the demo deliveries arrived, instead of keeping the receiver up. */
  DEMO_EXIT_WHEN_DONE: z.enum(['true', 'false']).default('false'),
  ...kafkaEnvShape,
});
export type DemoEnv = z.infer<typeof DemoEnv>;
