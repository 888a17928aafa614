import { promises as dns, lookup as systemLookup } from 'node:dns';

/** One resolved address with how long it may be reused, in ms (the interceptor's record shape). */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
  ttl: number;
}

type Callback = (error: NodeJS.ErrnoException | null, addresses: ResolvedAddress[]) => void;

/** How long one DNS query may take, in ms, and how often it is tried. */
const QUERY_TIMEOUT_MS = 2_000;
const QUERY_TRIES = 2;

/**
 * Whether a name is resolved by the system resolver (which reads /etc/hosts) rather than by
 * DNS servers: `localhost` and `*.localhost`, and single-label names (a container's service
 * name). Some DNS servers answer for `localhost` with a public address.
 */
export function resolvesThroughSystem(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || !name.includes('.');
}

/**
 * The lookup for undici's dns interceptor. It asks DNS servers directly (c-ares, off the libuv
 * thread pool, so a slow resolver cannot starve file and crypto work) and keeps each answer's
 * own TTL. Local names (see resolvesThroughSystem), and names DNS does not know, go to the
 * system resolver, whose answers are reused for `fallbackTtlMs`.
 */
export function ttlAwareLookup(fallbackTtlMs: number) {
  const resolver = new dns.Resolver({ timeout: QUERY_TIMEOUT_MS, tries: QUERY_TRIES });
  const system = (hostname: string, callback: Callback) =>
    systemLookup(hostname, { all: true }, (error, found) => {
      if (error) callback(error, []);
      else
        callback(
          null,
          found.map((entry) => ({
            address: entry.address,
            family: entry.family === 6 ? 6 : 4,
            ttl: fallbackTtlMs,
          })),
        );
    });
  return (origin: URL, _options: unknown, callback: Callback): void => {
    const hostname = origin.hostname.replace(/^\[|\]$/g, '');
    if (resolvesThroughSystem(hostname)) {
      system(hostname, callback);
      return;
    }
    void Promise.allSettled([
      resolver.resolve4(hostname, { ttl: true }),
      resolver.resolve6(hostname, { ttl: true }),
    ]).then(([v4, v6]) => {
      const addresses: ResolvedAddress[] = [
        ...(v4.status === 'fulfilled'
          ? v4.value.map((r) => ({ address: r.address, family: 4 as const, ttl: r.ttl * 1000 }))
          : []),
        ...(v6.status === 'fulfilled'
          ? v6.value.map((r) => ({ address: r.address, family: 6 as const, ttl: r.ttl * 1000 }))
          : []),
      ];
      if (addresses.length > 0) callback(null, addresses);
      else system(hostname, callback);
    });
  };
}
