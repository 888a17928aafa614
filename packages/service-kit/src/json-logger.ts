import type { LoggerService, LogLevel } from '@nestjs/common';
import { type DestinationStream, type Logger, pino } from 'pino';
import { activeTraceFields } from './trace-fields.js';

export type JsonLogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Nest logger over pino: one JSON object per line on stdout,
 * `{ level, time, service, context, trace_id, span_id, msg, ...fields }`. `trace_id` and
 * `span_id` appear when a span is active, so a delivery's log lines join its trace.
 *
 * A thin adapter rather than nestjs-pino: the services log through Nest's `Logger` and build
 * this one in `main.ts` before Nest starts; nestjs-pino would add a module to every app and
 * pino-http request logging, which the services do not want per request.
 * Nest's levels map as: log → info, verbose → debug, fatal → fatal.
 */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;

  /** `destination` defaults to stdout, written synchronously so no line is lost at exit. */
  constructor(service: string, level: JsonLogLevel = 'info', destination?: DestinationStream) {
    this.pino = pino(
      {
        level,
        base: { service },
        messageKey: 'msg',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: activeTraceFields,
      },
      destination ?? pino.destination({ dest: 1, sync: true }),
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  /** The level is fixed by LOG_LEVEL at start-up; Nest's per-call level lists are ignored. */
  setLogLevels(_levels: LogLevel[]): void {}

  private write(level: JsonLogLevel | 'fatal', message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest passes the context (class name) as the last string argument.
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> =
      message !== null && typeof message === 'object' && !(message instanceof Error)
        ? { ...(message as Record<string, unknown>) }
        : { msg: message instanceof Error ? message.message : String(message) };
    if (message instanceof Error) fields.err = message;
    if (rest.length > 0) fields.detail = rest.map((item) => (item instanceof Error ? item.stack : item));
    if (context !== undefined) fields.context = context;
    this.pino[level](fields);
  }
}
