import { isIP } from 'node:net';

/** An IP address in one canonical spelling, so equal addresses compare equal as strings. */
export interface IpAddress {
  readonly family: 4 | 6;
  /** Dotted quad for IPv4; RFC 5952 compressed lower-case hex for IPv6 (no brackets, no zone). */
  readonly text: string;
}

/** Characters that cannot be part of a host and would let a string smuggle a path or userinfo. */
const NOT_A_HOST = /[/\\@?#%\s]/;

/**
 * Canonicalises a literal IP host as a browser or undici would read it, or returns undefined
 * when the host is a name. It leans on the WHATWG URL host parser (the one undici itself uses)
 * so every spelling it accepts is covered: decimal `2130706433`, hex `0x7f.1`, octal
 * `017700000001`, short `127.1`, and IPv6 with a dotted tail `::ffff:127.0.0.1`.
 * Zone ids (`fe80::1%eth0`) are refused by that parser, hence `%` in NOT_A_HOST.
 */
export function parseIpHost(host: string): IpAddress | undefined {
  if (host.length === 0 || NOT_A_HOST.test(host)) return undefined;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const bracketed = bare.includes(':') ? `[${bare}]` : bare;
  let hostname: string;
  try {
    hostname = new URL(`http://${bracketed}/`).hostname;
  } catch {
    return undefined;
  }
  const unbracketed = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  const family = isIP(unbracketed);
  if (family === 4 || family === 6) return { family, text: unbracketed };
  return undefined;
}

/** The eight 16-bit groups of a valid IPv6 address (dotted tail allowed). */
export function ipv6Groups(text: string): number[] {
  const [head = '', tail] = text.split('::', 2) as [string, string | undefined];
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (group.includes('.')) {
            const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
            return [(a << 8) | b, (c << 8) | d];
          }
          return [Number.parseInt(group, 16)];
        });
  const left = parse(head);
  if (tail === undefined) return left;
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address in the low 32 bits of an IPv6 address, as a dotted quad. */
export function lowIpv4(groups: readonly number[]): string {
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The IPv4 address in bits 16–47 of a 6to4 (2002::/16) address. */
export function sixToFourIpv4(groups: readonly number[]): string {
  const high = groups[1] ?? 0;
  const low = groups[2] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
