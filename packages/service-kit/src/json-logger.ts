import type { LoggerService, LogLevel } from '@nestjs/common';

const ORDER = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof ORDER)[number];

/**
 * Nest logger that writes one JSON object per line to stdout, the format log shippers expect.
 * Nest's own levels map as: log → info, verbose → debug, fatal → error.
 */
export class JsonLogger implements LoggerService {
  private readonly minIndex: number;

  constructor(
    private readonly service: string,
    level: Level = 'info',
  ) {
    this.minIndex = ORDER.indexOf(level);
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
    this.write('error', message, rest);
  }
  setLogLevels(_levels: LogLevel[]): void {}

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (ORDER.indexOf(level) < this.minIndex) return;
    // Nest passes the context (class name) as the last string argument.
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const fields = message !== null && typeof message === 'object' ? message : { msg: String(message) };
    const extra =
      rest.length > 0 ? { detail: rest.map((item) => (item instanceof Error ? item.stack : item)) } : {};
    process.stdout.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, service: this.service, context, ...fields, ...extra })}\n`,
    );
  }
}
