import { strykerConfig } from '../../scripts/mutation/stryker-base.mjs';

// The router's pure routing steps and their unit tests; the integration tests need a broker.
// GroupCommit, which groups a fetch's batches into one transaction, moved to @hookstream/kafka
// and is mutation-tested there (kafka-conditions).
export default strykerConfig({
  name: 'router-routing',
  mutate: ['src/routing/**/*.ts', '!src/routing/**/*.test.ts'],
  testFiles: ['dist/routing/**/*.test.js', '!dist/**/*.int.test.js'],
  breakAt: 90,
});
