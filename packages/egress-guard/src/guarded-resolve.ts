import { lookup } from 'node:dns/promises';
import type { AddressCategory } from './address-ranges.js';
import { checkAddress, type EgressPolicy } from './egress-policy.js';
import { type IpAddress, parseIpHost } from './ip-address.js';
import { describeCategory } from './url-policy.js';

/** Resolves a host name to every address it has. Injected so tests (and a cache) can stand in. */
export type Resolver = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

/** The operating system's resolver (getaddrinfo, so /etc/hosts counts), every address, in its order. */
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, order: 'verbatim' });

/**
 * A connection the policy refuses. `code` lets callers tell it from a network error without
 * matching the message; the message names the host and the address, never a URL or a secret.
 */
export class EgressRefusedError extends Error {
  readonly code = 'EGRESS_REFUSED';
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly category: AddressCategory,
  ) {
    const via = hostname === address ? '' : ` (${hostname} resolved to it)`;
    super(`refused to connect to ${address}${via}: it is ${describeCategory(category)}`);
    this.name = 'EgressRefusedError';
  }
}

/**
 * Resolves `hostname` once and checks every address it has; resolves to the address to connect
 * to, or rejects with EgressRefusedError. All addresses must pass, not just the first: a name
 * that answers one public and one private address is refused, so neither the resolver's order
 * nor a retry can steer a connection inward.
 */
export async function resolveChecked(
  hostname: string,
  policy: EgressPolicy,
  resolve: Resolver = systemResolver,
): Promise<IpAddress> {
  const literal = parseIpHost(hostname);
  const candidates = literal ? [literal] : await resolveAll(hostname, resolve);
  for (const candidate of candidates) {
    const verdict = checkAddress(candidate, policy);
    if (!verdict.allowed) throw new EgressRefusedError(hostname, candidate.text, verdict.category);
  }
  const [first] = candidates;
  if (!first) throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
  return first;
}

async function resolveAll(hostname: string, resolve: Resolver): Promise<IpAddress[]> {
  const answers = await resolve(hostname);
  return answers.map(({ address }) => {
    const parsed = parseIpHost(address);
    if (!parsed)
      throw new Error(`the resolver answered "${address}" for ${hostname}, which is not an IP address`);
    return parsed;
  });
}
