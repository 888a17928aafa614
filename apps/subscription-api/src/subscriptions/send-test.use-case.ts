import {
  anyTypePatternMatches,
  EVENT_TYPES,
  exampleEvent,
  isPlatformLevelType,
  newPrefixedId,
  webhookBody,
} from '@hookstream/events';
import { deliveryRequestFor } from '@hookstream/kafka';
import { ProblemException } from '@hookstream/service-kit';
import { createSigner, type Signer } from '@hookstream/signatures';
import { Inject, Injectable } from '@nestjs/common';
import { fetch } from 'undici';
import { API_ENV, type ApiEnv } from '../env.js';
import { EgressGuard } from './egress-guard.service.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';
import type { TestSendBody, TestSendResult } from './test-send.schemas.js';

/**
 * `POST …/test`: one real, signed POST to the subscription's URL with its own settings (body
 * shape, header names, extra headers, timeout), built by the same function the delivery worker
 * uses, with `"test": true` in the body. Synchronous and not retried: the answer says what the
 * endpoint did. A disabled subscription can be tested (that is how one checks a fix).
 */
@Injectable()
export class SendTest {
  private readonly signer: Signer;

  constructor(
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(API_ENV) private readonly env: ApiEnv,
    @Inject(EgressGuard) private readonly egress: EgressGuard,
  ) {
    this.signer = createSigner(
      env.SIGNATURE_HEADER_PREFIX ? { headerPrefix: env.SIGNATURE_HEADER_PREFIX } : {},
    );
  }

  async execute(tenantId: string, id: string, body: TestSendBody): Promise<TestSendResult> {
    const stored = await this.subscriptions.findById(tenantId, id);
    if (!stored) throw ProblemException.notFound(`No subscription ${id}.`);
    const { record } = stored;
    const eventType =
      body.eventType ?? EVENT_TYPES.find((type) => anyTypePatternMatches(record.eventTypes, type));
    if (!eventType)
      throw ProblemException.validation([
        { field: 'eventType', message: 'the subscription matches no catalog type' },
      ]);
    const example = exampleEvent(eventType, {
      id: newPrefixedId('evt_'),
      tenantId: tenantId as `ten_${string}`,
      occurredAt: new Date().toISOString(),
      ...(record.accountIds?.[0] ? { accountId: record.accountIds[0] as `acc_${string}` } : {}),
    });
    // Platform-level types are published without an account; the test looks like the real thing.
    const { accountId: _platformLevel, ...withoutAccount } = example;
    const event = isPlatformLevelType(eventType) ? withoutAccount : example;
    const webhookId = newPrefixedId('msg_');
    const now = new Date();
    let request: ReturnType<typeof deliveryRequestFor>;
    try {
      request = deliveryRequestFor(
        record,
        {
          messageId: webhookId,
          eventId: event.id,
          payload: webhookBody(event, record.payloadFormat, { test: true }),
        },
        { signer: this.signer, now, userAgent: this.env.DELIVERY_USER_AGENT, defaultTimeoutMs: 10_000 },
      );
    } catch (error) {
      return {
        delivered: false,
        responseCode: null,
        responseTimeMs: 0,
        webhookId,
        error: `cannot sign: ${(error as Error).message}`,
      };
    }
    // A URL stored before the policy (or under a looser one) is checked again, as the worker does.
    const refusal = this.egress.refusal(request.url);
    if (refusal !== undefined) {
      return {
        delivered: false,
        responseCode: null,
        responseTimeMs: 0,
        webhookId,
        error: `refused: ${refusal}`,
      };
    }
    const started = performance.now();
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        // Resolves once and connects only to an address the egress policy allows.
        dispatcher: this.egress.dispatcher,
        // A redirect is the endpoint's answer, as for real deliveries; never followed.
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      const responseTimeMs = Math.round(performance.now() - started);
      await response.body?.cancel();
      const delivered = response.status >= 200 && response.status < 300;
      return {
        delivered,
        responseCode: response.status,
        responseTimeMs,
        webhookId,
        error: delivered ? null : `the endpoint answered ${response.status}`,
      };
    } catch (error) {
      const responseTimeMs = Math.round(performance.now() - started);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${request.timeoutMs} ms`
          : cause?.code === 'EGRESS_REFUSED'
            ? `refused: ${cause.message}`
            : `request failed: ${cause?.code ?? (error as Error).message}`;
      return { delivered: false, responseCode: null, responseTimeMs, webhookId, error: reason };
    }
  }
}
