import { strykerConfig } from '../../scripts/mutation/stryker-base.mjs';

// The worker's pure delivery decisions: when to retry, how long to wait, what a response means.
export default strykerConfig({
  name: 'worker-decisions',
  mutate: [
    'src/delivery/next-retry-delay.ts',
    'src/delivery/parse-retry-after.ts',
    'src/delivery/classify-outcome.ts',
  ],
  testFiles: [
    'dist/delivery/next-retry-delay.test.js',
    'dist/delivery/parse-retry-after.test.js',
    'dist/delivery/classify-outcome.test.js',
  ],
  breakAt: 90,
});
