import type { ConnectionOptions } from 'node:tls';
import { buildConnector } from 'undici';
import type { EgressPolicy } from './egress-policy.js';
import { type Resolver, resolveChecked, systemResolver } from './guarded-resolve.js';

export interface GuardedConnectorOptions {
  /** TCP + TLS connect timeout in milliseconds (undici's `connect.timeout`). */
  timeoutMs?: number;
  /** Defaults to the system resolver; the worker may pass a caching one. */
  resolve?: Resolver;
  /** Extra TLS options for undici's connector, e.g. `{ ca }` for a private CA (tests). */
  tls?: Pick<ConnectionOptions, 'ca'>;
}

/**
 * An undici connector (`new Agent({ connect: guardedConnector(policy) })`) that resolves the
 * host once, checks every address against the policy, and hands undici's own connector exactly
 * the address it checked. There is no second lookup between check and connect, so DNS
 * rebinding cannot swap the address. TLS still verifies the certificate against the host name:
 * undici derives SNI and the name to verify from the request's `host`, which is left unchanged.
 * A refused host fails the request with EgressRefusedError (code EGRESS_REFUSED).
 */
export function guardedConnector(
  policy: EgressPolicy,
  options: GuardedConnectorOptions = {},
): buildConnector.connector {
  const connect = buildConnector({
    ...options.tls,
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
  });
  const resolve = options.resolve ?? systemResolver;
  return (connectOptions, callback) => {
    resolveChecked(connectOptions.hostname, policy, resolve).then(
      (address) => connect({ ...connectOptions, hostname: address.text }, callback),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}
