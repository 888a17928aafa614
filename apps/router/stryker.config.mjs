import { strykerConfig } from '../../scripts/mutation/stryker-base.mjs';

// The router's pure routing steps and their unit tests; the integration test needs a broker.
export default strykerConfig({
  name: 'router-routing',
  mutate: ['src/routing/**/*.ts', '!src/routing/**/*.test.ts'],
  testFiles: ['dist/routing/**/*.test.js', '!dist/**/*.int.test.js'],
  breakAt: 90,
});
