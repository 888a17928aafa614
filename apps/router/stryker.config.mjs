import { strykerConfig } from '../../scripts/mutation/stryker-base.mjs';

// The router's pure routing steps, the grouping of a fetch's batches into one transaction
// (group-commit), and their unit tests; the integration tests need a broker.
export default strykerConfig({
  name: 'router-routing',
  mutate: ['src/routing/**/*.ts', '!src/routing/**/*.test.ts', 'src/kafka/group-commit.ts'],
  testFiles: ['dist/routing/**/*.test.js', 'dist/kafka/group-commit.test.js', '!dist/**/*.int.test.js'],
  breakAt: 90,
});
