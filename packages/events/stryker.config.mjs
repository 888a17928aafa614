import { strykerConfig } from '../../scripts/mutation/stryker-base.mjs';

// The pure checks the router and the producer SDK rely on. The catalog's per-type schemas are
// data (zod declarations); their shared field validators are in fields.ts.
export default strykerConfig({
  name: 'events',
  mutate: [
    'src/type-patterns.ts',
    'src/envelope.ts',
    'src/validate-event.ts',
    'src/parse-event.ts',
    'src/issues.ts',
    'src/ids.ts',
    'src/fields.ts',
  ],
  testFiles: ['dist/**/*.test.js', '!dist/**/*.int.test.js', '!dist/**/*.e2e.test.js'],
  breakAt: 90,
});
