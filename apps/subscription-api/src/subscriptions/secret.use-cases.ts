import { ProblemException, problemType } from '@hookstream/service-kit';
import { checkSecret, generateSecret, rotateSecrets } from '@hookstream/signatures';
import { Inject, Injectable } from '@nestjs/common';
import { appendToOutbox } from '../outbox/outbox.repository.js';
import { PublishChange } from './publish-change.js';
import type { RevealedSecret, RotatedSecret, RotateSecretBody } from './secret.schemas.js';
import { newestSecret } from './subscription.response.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

/** Secrets that may sign at once (each adds a signature of ~48 bytes to every delivery). */
const MAX_ACTIVE_SECRETS = 10;

/**
 * Rotation with overlap: the new secret signs at once, the previous ones keep signing until
 * `overlapSeconds` from now (Standard Webhooks sends one signature per active secret, so
 * receivers verify with either), then drop out. Published like any change before the answer.
 */
@Injectable()
export class RotateSecret {
  constructor(
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(PublishChange) private readonly publish: PublishChange,
  ) {}

  execute(tenantId: string, id: string, body: RotateSecretBody): Promise<RotatedSecret> {
    return this.publish.run(async (client) => {
      const current = await this.subscriptions.findForUpdate(client, tenantId, id);
      if (!current) throw ProblemException.notFound(`No subscription ${id}.`);
      const secret = body.secret ?? generateSecret();
      const fits = checkSecret(current.record.signatureScheme, secret);
      if (!fits.ok) throw ProblemException.validation([{ field: 'secret', message: fits.message }]);
      const now = new Date();
      const rotated = rotateSecrets(
        current.record.secrets.map((entry) => ({
          value: entry.value,
          createdAt: new Date(entry.createdAt),
          expiresAt: entry.expiresAt === null ? null : new Date(entry.expiresAt),
        })),
        secret,
        { now, overlapSeconds: body.overlapSeconds },
      );
      // Every active secret signs each Standard Webhooks delivery: bound the header's size.
      if (rotated.length > MAX_ACTIVE_SECRETS) {
        throw new ProblemException({
          type: problemType('too-many-secrets'),
          title: 'Too many secrets in their overlap',
          status: 409,
          detail: `At most ${MAX_ACTIVE_SECRETS} secrets may sign at once; rotate with overlapSeconds 0, or wait for older ones to expire.`,
        });
      }
      const record = {
        ...current.record,
        secrets: rotated.map((entry) => ({
          value: entry.value,
          createdAt: (entry.createdAt ?? now).toISOString(),
          expiresAt: entry.expiresAt ? entry.expiresAt.toISOString() : null,
        })),
        updatedAt: now.toISOString(),
        version: current.record.version + 1,
      };
      await this.subscriptions.update(client, { ...current, record });
      const previousExpiries = record.secrets
        .filter((entry) => entry.value !== secret && entry.expiresAt !== null)
        .map((entry) => Date.parse(entry.expiresAt ?? ''));
      const previousSecretExpiresAt = new Date(
        previousExpiries.length > 0 ? Math.max(...previousExpiries) : now.getTime(),
      ).toISOString();
      return {
        result: { secret, previousSecretExpiresAt },
        outboxId: await appendToOutbox(client, 'subscriptions', id, this.subscriptions.sealed(record)),
      };
    });
  }
}

/** `GET …/secret`: only where the tenant chose `retrievable` (one partner lets customers read it any time). */
@Injectable()
export class RevealSecret {
  constructor(@Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository) {}

  async execute(tenantId: string, id: string): Promise<RevealedSecret> {
    const stored = await this.subscriptions.findById(tenantId, id);
    if (!stored) throw ProblemException.notFound(`No subscription ${id}.`);
    if (stored.secretPolicy !== 'retrievable') {
      throw new ProblemException({
        type: problemType('secret-not-retrievable'),
        title: 'The secret is shown only once',
        status: 403,
        detail:
          'This subscription\'s secretPolicy is "shown-once": the secret was in the create answer only. Rotate it to get a new one.',
      });
    }
    return { secret: newestSecret(stored) };
  }
}
