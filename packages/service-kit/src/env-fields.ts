import { z } from 'zod';

/** Reusable env fields with the units spelled out, so each app's schema reads the same. */
export const envFields = {
  /** TCP port for HTTP (API, health, metrics). */
  port: (defaultPort: number) => z.coerce.number().int().min(0).max(65_535).default(defaultPort),
  /**
   * METRICS_PORT: serve /metrics on this TCP port only (same interface as HOST), and not on the
   * main port; unset = /metrics beside the health endpoints on the main port.
   */
  metricsPort: () => z.coerce.number().int().min(1).max(65_535).optional(),
  /** Interface to bind; loopback by default so a dev box exposes nothing. */
  host: () => z.string().min(1).default('127.0.0.1'),
  logLevel: () => z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * A duration in milliseconds, at least `minMs` (1 by default): an empty or zero value would
   * make a timeout fire at once or a timer spin.
   */
  millis: (defaultMs: number, minMs = 1) => z.coerce.number().int().min(minMs).default(defaultMs),
  positiveInt: (defaultValue: number) => z.coerce.number().int().positive().default(defaultValue),
  /** "true"/"false"/"1"/"0" → boolean (z.coerce.boolean would turn "false" into true). */
  flag: (defaultValue: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(defaultValue ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
  /**
   * HOOKSTREAM_ENV: "production" turns on the safety rules for untrusted tenants (HTTPS-only
   * subscription URLs, no private or loopback receivers, encryption keys required).
   * Services default to production so a forgotten variable fails safe; `./hookstream up` and
   * the test harness set "development" (local receivers on loopback over plain HTTP).
   */
  deploymentMode: (defaultMode: DeploymentMode = 'production') =>
    z.enum(DEPLOYMENT_MODES).default(defaultMode),
} as const;

export const DEPLOYMENT_MODES = ['production', 'development'] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];
