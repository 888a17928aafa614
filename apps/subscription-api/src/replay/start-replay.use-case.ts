import { newPrefixedId } from '@hookstream/events';
import { ProblemException, problemType } from '@hookstream/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';
import { ApiKafka } from '../kafka/kafka.module.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { windowProblems } from './plan-replay.js';
import type { ReplayBody } from './replay.schemas.js';
import { ReplayRunner } from './replay-runner.js';
import { claimReplay, findReplay, type ReplayView } from './replays.repository.js';

/**
 * Accepts a replay: the subscription exists and is enabled, the window is bounded, not
 * reversed and within the events topic's retention (read from the broker), and no other
 * replay of it is running. The replay then runs in the background (ReplayRunner).
 */
@Injectable()
export class StartReplay {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(ApiKafka) private readonly kafka: ApiKafka,
    @Inject(ReplayRunner) private readonly runner: ReplayRunner,
  ) {}

  async execute(tenantId: string, subscriptionId: string, body: ReplayBody): Promise<{ id: string }> {
    const subscription = await this.subscriptions.findById(tenantId, subscriptionId);
    if (!subscription) throw ProblemException.notFound(`No subscription ${subscriptionId}.`);
    const now = new Date();
    const errors = windowProblems(body, now, await this.eventsRetentionMs());
    if (errors.length > 0) throw ProblemException.validation(errors);
    if (!subscription.record.enabled) {
      throw conflict(
        'subscription-disabled',
        `Subscription ${subscriptionId} is disabled; enable it before replaying.`,
      );
    }
    const id = newPrefixedId('rpl_');
    const until = new Date(Math.min(Date.parse(body.until), now.getTime()));
    const eventTypes = body.eventTypes ?? null;
    const claimed = await claimReplay(this.pool, {
      id,
      tenantId,
      subscriptionId,
      since: body.since,
      until: until.toISOString(),
      eventTypes,
    });
    if (!claimed) {
      throw conflict(
        'replay-in-progress',
        `A replay of ${subscriptionId} is still running; wait for it to finish.`,
      );
    }
    this.runner.start({
      id,
      subscription: subscription.record,
      since: new Date(body.since),
      until,
      eventTypes,
    });
    return { id };
  }

  async get(tenantId: string, id: string): Promise<ReplayView> {
    const replay = await findReplay(this.pool, tenantId, id);
    if (!replay) throw ProblemException.notFound(`No replay ${id}.`);
    return replay;
  }

  /** retention.ms of the events topic as the broker has it (it may differ from our default). */
  private async eventsRetentionMs(): Promise<number> {
    const admin = this.kafka.connection.kafka.admin();
    await admin.connect();
    try {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2, name: this.kafka.connection.topics.events, configNames: ['retention.ms'] }],
      });
      const value = described.resources[0]?.configEntries.find(
        (entry) => entry.configName === 'retention.ms',
      )?.configValue;
      const ms = Number(value);
      // -1 means "keep forever".
      return ms < 0 ? Number.POSITIVE_INFINITY : Number.isFinite(ms) && ms > 0 ? ms : 7 * 86_400_000;
    } finally {
      await admin.disconnect();
    }
  }
}

function conflict(slug: string, detail: string): ProblemException {
  return new ProblemException({
    type: problemType(slug),
    title: 'The replay cannot start',
    status: 409,
    detail,
  });
}
