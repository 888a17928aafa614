import { ObservabilityModule } from '@hookstream/service-kit';
import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DatabaseModule } from './database/database.module.js';
import { AttemptRecorder } from './delivery-log/attempt-recorder.consumer.js';
import { DeliveryLogController } from './delivery-log/delivery-log.controller.js';
import { ReadDeliveryLog } from './delivery-log/read-delivery-log.use-case.js';
import { RecordDeliveryLog } from './delivery-log/record-delivery-log.use-case.js';
import { RedriveDeadLetters } from './delivery-log/redrive-dead-letters.use-case.js';
import { RetentionPruner } from './delivery-log/retention-pruner.service.js';
import { API_ENV, type ApiEnv } from './env.js';
import { EventTypesController } from './event-types/event-types.controller.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { IdempotencyRepository } from './http/idempotency.repository.js';
import { RequestShapeMiddleware } from './http/request-shape.middleware.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { KafkaModule } from './kafka/kafka.module.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { OutboxRelay } from './outbox/outbox-relay.service.js';
import { ReplayController } from './replay/replay.controller.js';
import { ReplayRunner } from './replay/replay-runner.js';
import { StartReplay } from './replay/start-replay.use-case.js';
import { KEYRING, loadKeyring } from './secrets/keyring.js';
import { CreateSubscription } from './subscriptions/create-subscription.use-case.js';
import { DeleteSubscription } from './subscriptions/delete-subscription.use-case.js';
import { DisableSubscription } from './subscriptions/disable-subscription.use-case.js';
import { EgressGuard } from './subscriptions/egress-guard.service.js';
import { PublishChange } from './subscriptions/publish-change.js';
import { ReadSubscriptions } from './subscriptions/read-subscriptions.use-case.js';
import { SecretController } from './subscriptions/secret.controller.js';
import { RevealSecret, RotateSecret } from './subscriptions/secret.use-cases.js';
import { SendTest } from './subscriptions/send-test.use-case.js';
import { SubscriptionsController } from './subscriptions/subscriptions.controller.js';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository.js';
import { TestSendController } from './subscriptions/test-send.controller.js';
import { UpdateSubscription } from './subscriptions/update-subscription.use-case.js';
import { ApiKeyGuard } from './tenants/api-key.guard.js';
import { ApiKeysController } from './tenants/api-keys.controller.js';
import { ApiKeysRepository } from './tenants/api-keys.repository.js';
import { ManageApiKeys } from './tenants/api-keys.use-cases.js';

@Module({})
export class AppModule implements NestModule {
  static forEnv(env: ApiEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ObservabilityModule.forService('subscription-api'),
        {
          module: EnvModule,
          global: true,
          providers: [
            { provide: API_ENV, useValue: env },
            { provide: KEYRING, useValue: loadKeyring(env) },
          ],
          exports: [API_ENV, KEYRING],
        },
        DatabaseModule,
        KafkaModule,
      ],
      controllers: [
        SubscriptionsController,
        SecretController,
        TestSendController,
        ApiKeysController,
        EventTypesController,
        OpenApiController,
        DeliveryLogController,
        ReplayController,
      ],
      providers: [
        IdempotencyRepository,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        ApiKeysRepository,
        ApiKeyGuard,
        ManageApiKeys,
        SubscriptionsRepository,
        EgressGuard,
        PublishChange,
        CreateSubscription,
        ReadSubscriptions,
        UpdateSubscription,
        DeleteSubscription,
        RotateSecret,
        RevealSecret,
        SendTest,
        OutboxRelay,
        DisableSubscription,
        RecordDeliveryLog,
        AttemptRecorder,
        RetentionPruner,
        ReadDeliveryLog,
        RedriveDeadLetters,
        ReplayRunner,
        StartReplay,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Metrics first, so refused requests (405, 415) are counted too.
    consumer.apply(HttpMetricsMiddleware, RequestShapeMiddleware).forRoutes('*');
  }
}

@Module({})
class EnvModule {}
