// The modules `pnpm mutate` covers, in the order it runs them. Each package's stryker.config.mjs
// says what is mutated, which unit tests run, and the break threshold.
export const MODULES = [
  { name: 'signatures', package: '@hookstream/signatures', dir: 'packages/signatures' },
  { name: 'events', package: '@hookstream/events', dir: 'packages/events' },
  { name: 'kafka-conditions', package: '@hookstream/kafka', dir: 'packages/kafka' },
  { name: 'router-routing', package: '@hookstream/router', dir: 'apps/router' },
  { name: 'worker-decisions', package: '@hookstream/delivery-worker', dir: 'apps/delivery-worker' },
];
