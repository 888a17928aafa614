import { type LogEntry, type logCreator, logLevel } from 'kafkajs';

const levelNames: Record<number, string> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Retries are bounded on purpose (a caller must see a failure, not hang while a broker is
 * down), so kafkajs's warning about limited retries on idempotent producers is expected. A
 * send that gives up is retried by our code; receivers deduplicate on webhook-id.
 */
const IGNORED_MESSAGES = new Set([
  'Limiting retries for the idempotent producer may invalidate EoS guarantees',
]);

/**
 * kafkajs logs through console with its own format by default; services log JSON lines, so
 * the client's lines go to stderr as JSON with the same level names.
 */
export const jsonLogCreator: logCreator =
  () =>
  ({ namespace, level, log }: LogEntry) => {
    const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
    if (IGNORED_MESSAGES.has(message)) return;
    process.stderr.write(
      `${JSON.stringify({
        time: new Date().toISOString(),
        level: levelNames[level] ?? 'info',
        component: `kafkajs.${namespace}`,
        msg: message,
        ...extra,
      })}\n`,
    );
  };
