/**
 * kafkajs 2.2.4 computes a negative timer delay on every connection under Node 24 (upstream
 * issue tulios/kafkajs#1751, still open); Node clamps it to 1 ms, so the only effect is a
 * TimeoutNegativeWarning line per client. Hide that one warning, print every other the way
 * Node does.
 */
export function hideKnownKafkajsWarnings(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'TimeoutNegativeWarning') return;
    process.stderr.write(`(node:${process.pid}) ${warning.name}: ${warning.message}\n`);
  });
}
