import type { AddressCategory } from './address-ranges.js';
import { checkAddress, type EgressPolicy } from './egress-policy.js';
import { parseIpHost } from './ip-address.js';

export type UrlRefusal = 'invalid-url' | 'scheme' | 'userinfo' | 'port' | 'address' | 'local-name';

export type UrlVerdict =
  | { readonly ok: true; readonly url: URL }
  | {
      readonly ok: false;
      readonly refusal: UrlRefusal;
      /** One sentence for an API client or an attempt record; never contains the URL's password. */
      readonly message: string;
      readonly category?: AddressCategory;
    };

/** Names that always mean this host (RFC 6761), whatever a resolver says. */
function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

function refuse(refusal: UrlRefusal, message: string, category?: AddressCategory): UrlVerdict {
  return category ? { ok: false, refusal, message, category } : { ok: false, refusal, message };
}

/**
 * Everything that can be judged from the URL alone, before any DNS lookup: the API runs it to
 * answer 400 early, the worker runs it again before each dispatch (a record on the topic is not
 * trusted). Names are resolved and checked at connect time by `guardedConnect`.
 */
export function checkUrl(input: string, policy: EgressPolicy): UrlVerdict {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse('invalid-url', 'must be an absolute http(s) URL');
  }
  const production = policy.mode === 'production';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse('scheme', `the scheme ${url.protocol.replace(/:$/, '')} is not allowed; use https`);
  }
  if (url.protocol === 'http:' && !policy.allowHttp) {
    return refuse('scheme', 'plain http is not allowed in production; use https');
  }
  // Credentials in a URL would be stored, logged and shown like any other part of it.
  if (url.username !== '' || url.password !== '') {
    return refuse(
      'userinfo',
      'must not contain a user name or password; use a custom header for credentials',
    );
  }
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (policy.allowedPorts && !policy.allowedPorts.has(port)) {
    const allowed = [...policy.allowedPorts].sort((a, b) => a - b).join(', ');
    return refuse('port', `port ${port} is not allowed (allowed: ${allowed})`);
  }
  const literal = parseIpHost(url.hostname);
  if (literal) {
    const verdict = checkAddress(literal, policy);
    if (!verdict.allowed) {
      return refuse(
        'address',
        `the address ${literal.text} is ${describeCategory(verdict.category)}; deliveries go only to public addresses`,
        verdict.category,
      );
    }
  } else if (production && isLocalName(url.hostname)) {
    return refuse('local-name', `the host ${url.hostname} always means this machine`, 'loopback');
  }
  return { ok: true, url };
}

export function describeCategory(category: AddressCategory): string {
  switch (category) {
    case 'metadata':
      return 'a cloud metadata endpoint';
    case 'unspecified':
      return 'an unspecified address';
    case 'loopback':
      return 'a loopback address';
    case 'private':
      return 'a private address';
    case 'link-local':
      return 'a link-local address';
    case 'carrier-grade-nat':
      return 'a carrier-grade NAT address';
    case 'unique-local':
      return 'a unique local (private IPv6) address';
    case 'multicast':
      return 'a multicast address';
    case 'broadcast':
      return 'the broadcast address';
    case 'documentation':
      return 'a documentation address';
    case 'benchmarking':
      return 'a benchmarking address';
    case 'reserved':
      return 'a reserved address';
  }
}
