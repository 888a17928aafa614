import { BlockList } from 'node:net';
import { type AddressCategory, classifyAddress, effectiveAddress } from './address-ranges.js';
import type { IpAddress } from './ip-address.js';
import { parseIpHost } from './ip-address.js';

/** What outbound deliveries may reach. Build it with `egressPolicy`. */
export interface EgressPolicy {
  /** "production": only HTTPS (unless allowHttp), listed ports, public addresses. */
  readonly mode: 'production' | 'development';
  readonly allowHttp: boolean;
  /** Ports a URL may name; undefined = any port (development). */
  readonly allowedPorts: ReadonlySet<number> | undefined;
  /** Special-purpose addresses that are reachable anyway (on-premise receivers). */
  readonly allowList: BlockList;
  /** The CIDRs behind allowList, for logs and messages. */
  readonly allowCidrs: readonly string[];
}

export interface EgressPolicyOptions {
  mode: 'production' | 'development';
  /** Production only: accept http:// URLs (and port 80). Development always accepts them. */
  allowHttp?: boolean;
  /** Production only; default 443 and 8443, plus 80 when allowHttp. */
  allowedPorts?: readonly number[];
  /** CIDRs such as "10.20.0.0/16" or "fd12:3456::/48" that may be reached although private. */
  allowCidrs?: readonly string[];
}

export const DEFAULT_HTTPS_PORTS: readonly number[] = [443, 8443];

/** Thrown by `egressPolicy` for a CIDR that does not parse; configuration is checked at start. */
export class InvalidCidrError extends Error {
  constructor(readonly cidr: string) {
    super(`not a CIDR: "${cidr}" (expected e.g. 10.0.0.0/8 or fd00::/8)`);
    this.name = 'InvalidCidrError';
  }
}

export function parseCidr(cidr: string): { address: IpAddress; prefix: number } {
  const [host = '', prefixText, extra] = cidr.trim().split('/');
  const address = parseIpHost(host);
  const prefix = Number(prefixText);
  const max = address?.family === 4 ? 32 : 128;
  if (!address || extra !== undefined || !/^\d{1,3}$/.test(prefixText ?? '') || prefix > max) {
    throw new InvalidCidrError(cidr);
  }
  return { address, prefix };
}

export function egressPolicy(options: EgressPolicyOptions): EgressPolicy {
  const production = options.mode === 'production';
  const allowHttp = production ? (options.allowHttp ?? false) : true;
  const ports = options.allowedPorts ?? [...DEFAULT_HTTPS_PORTS, ...(allowHttp ? [80] : [])];
  const allowList = new BlockList();
  const allowCidrs = options.allowCidrs ?? [];
  for (const cidr of allowCidrs) {
    const { address, prefix } = parseCidr(cidr);
    allowList.addSubnet(address.text, prefix, address.family === 4 ? 'ipv4' : 'ipv6');
  }
  return {
    mode: options.mode,
    allowHttp,
    allowedPorts: production ? new Set(ports) : undefined,
    allowList,
    allowCidrs,
  };
}

export type AddressVerdict =
  | { readonly allowed: true; readonly address: IpAddress }
  | { readonly allowed: false; readonly address: IpAddress; readonly category: AddressCategory };

/**
 * Whether a connection to this address is allowed. Production refuses every special-purpose
 * category unless the allow-list covers the address; development (local receivers on loopback)
 * refuses only cloud metadata endpoints. Metadata endpoints are refused in every mode and
 * cannot be allow-listed: no on-premise receiver lives there, and they hand out credentials.
 */
export function checkAddress(address: IpAddress, policy: EgressPolicy): AddressVerdict {
  const category = classifyAddress(address);
  if (category === undefined) return { allowed: true, address };
  if (category === 'metadata') return { allowed: false, address, category };
  if (policy.mode === 'development') return { allowed: true, address };
  const effective = effectiveAddress(address);
  const family = effective.family === 4 ? 'ipv4' : 'ipv6';
  if (policy.allowList.check(effective.text, family)) return { allowed: true, address };
  return { allowed: false, address, category };
}
