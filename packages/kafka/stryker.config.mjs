import { strykerConfig } from '../../scripts/mutation/stryker-base.mjs';

// Subscription conditions, subscription matching and produce-request chunking: pure steps the
// router runs on every event. Only unit tests run; the package's *.int / *.e2e tests need a broker.
export default strykerConfig({
  name: 'kafka-conditions',
  mutate: [
    'src/conditions/compile-conditions.ts',
    'src/conditions/decimal.ts',
    'src/conditions/read-path.ts',
    'src/conditions/condition-results-body.ts',
    'src/routing/match-subscriptions.ts',
    'src/chunk-by-bytes.ts',
  ],
  testFiles: ['dist/**/*.test.js', '!dist/**/*.int.test.js', '!dist/**/*.e2e.test.js'],
  breakAt: 90,
});
