import { hideKnownKafkajsWarnings } from '@hookstream/kafka';

// Test processes use kafkajs too; keep their output free of its known Node 24 timer warning.
hideKnownKafkajsWarnings();

export { deleteTestTopics } from './delete-test-topics.js';
export { subscriptionRecord } from './fixtures.js';
export { ensureInfrastructure, type Infrastructure } from './infrastructure.js';
export { type JsonResponse, jsonRequest } from './json-request.js';
export {
  DASHBOARD_DIR,
  describeQuery,
  loadDashboardQueries,
  type PanelQuery,
  panelQueriesAsRules,
  type QueryWindow,
  queriesOf,
  toPromQL,
} from './observability/dashboards.js';
export { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from './observability/otlp-receiver.js';
export { evaluatePanels, ownMetrics, type PanelProblem } from './observability/panel-evaluation.js';
export {
  type PrometheusQueryResult,
  type StartPrometheusOptions,
  startPrometheus,
  type TestPrometheus,
} from './observability/prometheus-server.js';
export { ensurePrometheus, type PromtoolResult, promtool } from './observability/promtool.js';
export { repoRoot } from './paths.js';
export { type ReceivedRequest, type ReceiverReply, startReceiver, type TestReceiver } from './receiver.js';
export { type SecureBroker, startSecureBroker } from './secure-broker.js';
export { freePort, type ServiceProcess, type StartServiceOptions, startService } from './service-process.js';
export { createTestDatabase, type TestDatabase } from './test-database.js';
export { testBrokers, uniqueTopicPrefix } from './test-env.js';
export { type ReadRecord, type ReadTopicOptions, readTopic } from './topic-reader.js';
export { type WaitOptions, waitFor } from './wait-for.js';
