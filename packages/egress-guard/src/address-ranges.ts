import { BlockList } from 'node:net';
import { type IpAddress, ipv6Groups, lowIpv4, sixToFourIpv4 } from './ip-address.js';

/** Why an address is not a public unicast destination. */
export type AddressCategory =
  | 'metadata'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade-nat'
  | 'unique-local'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved';

type Family = 'ipv4' | 'ipv6';
type Range = readonly [category: AddressCategory, family: Family, network: string, prefix: number];

/**
 * Ranges a webhook must never reach from a shared worker. Order matters: the first match names
 * the category, so the metadata endpoints come before the link-local and ULA ranges holding them.
 * Sources: IANA IPv4/IPv6 special-purpose registries (RFC 6890 and updates).
 */
const RANGES: readonly Range[] = [
  // Cloud instance metadata: AWS, GCP, Azure, OpenStack (IPv4) and AWS Nitro (IPv6).
  ['metadata', 'ipv4', '169.254.169.254', 32],
  ['metadata', 'ipv4', '169.254.170.2', 32], // AWS ECS task metadata
  ['metadata', 'ipv4', '100.100.100.200', 32], // Alibaba Cloud
  ['metadata', 'ipv6', 'fd00:ec2::254', 128],
  ['unspecified', 'ipv4', '0.0.0.0', 8], // "this network": 0.x reaches the local host on Linux
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['private', 'ipv4', '192.168.0.0', 16],
  ['link-local', 'ipv4', '169.254.0.0', 16],
  ['carrier-grade-nat', 'ipv4', '100.64.0.0', 10],
  ['reserved', 'ipv4', '192.0.0.0', 24], // IETF protocol assignments
  ['reserved', 'ipv4', '192.88.99.0', 24], // deprecated 6to4 relay anycast
  ['documentation', 'ipv4', '192.0.2.0', 24],
  ['documentation', 'ipv4', '198.51.100.0', 24],
  ['documentation', 'ipv4', '203.0.113.0', 24],
  ['benchmarking', 'ipv4', '198.18.0.0', 15],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['broadcast', 'ipv4', '255.255.255.255', 32],
  ['reserved', 'ipv4', '240.0.0.0', 4],
  ['unspecified', 'ipv6', '::', 128],
  ['loopback', 'ipv6', '::1', 128],
  ['reserved', 'ipv6', '64:ff9b:1::', 48], // local-use NAT64: translates into the operator's network
  ['reserved', 'ipv6', '100::', 64], // discard-only
  ['reserved', 'ipv6', '2001::', 23], // IETF protocol assignments, incl. Teredo (2001::/32)
  ['documentation', 'ipv6', '2001:db8::', 32],
  ['documentation', 'ipv6', '3fff::', 20],
  ['unique-local', 'ipv6', 'fc00::', 7],
  ['link-local', 'ipv6', 'fe80::', 10],
  ['reserved', 'ipv6', 'fec0::', 10], // deprecated site-local, still routed by some stacks
  ['multicast', 'ipv6', 'ff00::', 8],
];

/** One BlockList per range, checked in table order so the first match names the category. */
const LISTS: ReadonlyArray<readonly [AddressCategory, BlockList]> = RANGES.map(
  ([category, family, network, prefix]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return [category, list] as const;
  },
);

/** IPv6 prefixes whose low bits carry an IPv4 address that is what the packet really reaches. */
const EMBEDDING_IPV4 = (() => {
  const list = new BlockList();
  list.addSubnet('::ffff:0:0', 96, 'ipv6'); // IPv4-mapped
  list.addSubnet('::', 96, 'ipv6'); // IPv4-compatible (deprecated, still parsed by stacks)
  list.addSubnet('64:ff9b::', 96, 'ipv6'); // well-known NAT64 prefix (RFC 6052)
  return list;
})();
const SIX_TO_FOUR = (() => {
  const list = new BlockList();
  list.addSubnet('2002::', 16, 'ipv6');
  return list;
})();

/**
 * The address a connection really reaches: the embedded IPv4 address for IPv4-mapped,
 * IPv4-compatible, NAT64 and 6to4 IPv6 addresses, else the address itself.
 * `::` and `::1` are kept as IPv6 (they fall in ::/96 but embed nothing).
 */
export function effectiveAddress(address: IpAddress): IpAddress {
  if (address.family === 4 || address.text === '::' || address.text === '::1') return address;
  if (EMBEDDING_IPV4.check(address.text, 'ipv6')) {
    return { family: 4, text: lowIpv4(ipv6Groups(address.text)) };
  }
  if (SIX_TO_FOUR.check(address.text, 'ipv6')) {
    return { family: 4, text: sixToFourIpv4(ipv6Groups(address.text)) };
  }
  return address;
}

/** The special-purpose category of an address, or undefined for public unicast. */
export function classifyAddress(address: IpAddress): AddressCategory | undefined {
  const effective = effectiveAddress(address);
  const family: Family = effective.family === 4 ? 'ipv4' : 'ipv6';
  for (const [category, list] of LISTS) {
    if (list.check(effective.text, family)) return category;
  }
  return undefined;
}
