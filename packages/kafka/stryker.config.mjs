import { strykerConfig } from '../../scripts/mutation/stryker-base.mjs';

// Subscription conditions, subscription matching, produce-request chunking and GroupCommit (the
// router's rounds, the attempt recorder's): steps run on every event or batch. Only unit tests run; the package's *.int / *.e2e tests need a broker.
export default strykerConfig({
  name: 'kafka-conditions',
  mutate: [
    'src/conditions/compile-conditions.ts',
    'src/conditions/decimal.ts',
    'src/conditions/read-path.ts',
    'src/conditions/condition-results-body.ts',
    'src/routing/match-subscriptions.ts',
    'src/chunk-by-bytes.ts',
    'src/group-commit.ts',
  ],
  testFiles: ['dist/**/*.test.js', '!dist/**/*.int.test.js', '!dist/**/*.e2e.test.js'],
  breakAt: 90,
});
