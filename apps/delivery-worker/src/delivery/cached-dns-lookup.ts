import { promises as dns, lookup as systemLookup } from 'node:dns';

/** One resolved address with how long it may be reused, in ms (the interceptor's record shape). */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
  ttl: number;
}

type Callback = (error: NodeJS.ErrnoException | null, addresses: ResolvedAddress[]) => void;

/**
 * The lookup for undici's dns interceptor. It asks DNS servers directly (c-ares, off the libuv
 * thread pool, so a slow resolver cannot starve file and crypto work) and keeps each answer's
 * own TTL. Names DNS does not know (localhost, /etc/hosts entries) fall back to the system
 * resolver, reused for `fallbackTtlMs`.
 */
export function ttlAwareLookup(fallbackTtlMs: number) {
  const resolver = new dns.Resolver();
  return (origin: URL, _options: unknown, callback: Callback): void => {
    const hostname = origin.hostname.replace(/^\[|\]$/g, '');
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
      if (addresses.length > 0) {
        callback(null, addresses);
        return;
      }
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
    });
  };
}
