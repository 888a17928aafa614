import { checkAddress, type EgressPolicy, EgressRefusedError, parseIpHost } from '@hookstream/egress-guard';
import type { ResolvedAddress } from './cached-dns-lookup.js';

type Callback = (error: NodeJS.ErrnoException | null, addresses: ResolvedAddress[]) => void;
type Lookup = (origin: URL, options: unknown, callback: Callback) => void;

/**
 * Wraps the DNS interceptor's lookup so that every address a name resolves to is checked, not
 * only the one the interceptor picks: a name with one public and one private answer is refused
 * as a whole, and the refusal names the host. Cached answers were checked when they were
 * fetched. The guarded connector still checks the address each connection goes to.
 */
export function guardedLookup(inner: Lookup, policy: EgressPolicy): Lookup {
  return (origin, options, callback) => {
    inner(origin, options, (error, addresses) => {
      if (error) {
        callback(error, addresses);
        return;
      }
      const hostname = origin.hostname.replace(/^\[|\]$/g, '');
      for (const { address } of addresses) {
        const parsed = parseIpHost(address);
        if (!parsed) continue; // the connector refuses what it cannot parse
        const verdict = checkAddress(parsed, policy);
        if (!verdict.allowed) {
          callback(new EgressRefusedError(hostname, parsed.text, verdict.category), []);
          return;
        }
      }
      callback(null, addresses);
    });
  };
}
