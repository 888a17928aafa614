import { strykerConfig } from '../../scripts/mutation/stryker-base.mjs';

// Everything the package ships except the benchmark.
export default strykerConfig({
  name: 'signatures',
  mutate: ['src/**/*.ts', '!src/**/*.test.ts', '!src/bench/**'],
  testFiles: ['dist/**/*.test.js', '!dist/**/*.int.test.js', '!dist/**/*.e2e.test.js'],
  breakAt: 90,
});
