import type { SignatureScheme } from './schemes.js';

/** Per-deployment header naming. Both signer and verifier must be given the same options. */
export interface HeaderNameOptions {
  /**
   * Replaces the scheme's header prefix (`X-Webhook-` → e.g. `X-Acme-`). Ignored by schemes whose
   * names are fixed by a specification (`standard-webhooks`).
   */
  readonly headerPrefix?: string;
  /** Full header names that win over prefix + part, e.g. `{ signature: 'x-em-signature' }`. */
  readonly headerNames?: {
    readonly signature?: string;
    readonly timestamp?: string;
    readonly id?: string;
  };
}

/** Header names one scheme uses under one deployment's options; `null` means "not sent". */
export interface ResolvedHeaderNames {
  readonly signature: string;
  readonly timestamp: string | null;
  readonly id: string | null;
}

/** RFC 9110 `token`: the characters a header field name may contain. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export class HeaderNameError extends Error {
  override readonly name = 'HeaderNameError';
}

/**
 * Resolves the names a scheme's headers go out under.
 * @throws HeaderNameError when an option would produce an invalid header name (a configuration bug).
 */
export function resolveHeaderNames(
  scheme: SignatureScheme,
  options: HeaderNameOptions = {},
): ResolvedHeaderNames {
  const { headers } = scheme;
  const prefix = headers.prefix === null ? '' : (options.headerPrefix ?? headers.prefix);
  const build = (part: string | null, override: string | undefined): string | null => {
    if (part === null) return null;
    return checkName(override ?? prefix + part);
  };
  const overrides = options.headerNames ?? {};
  const signature = build(headers.signature, overrides.signature);
  if (signature === null) throw new HeaderNameError(`scheme ${scheme.name} has no signature header`);
  const resolved = {
    signature,
    timestamp: build(headers.timestamp, overrides.timestamp),
    id: build(headers.id, overrides.id),
  };
  // HTTP names are case-insensitive: two parts under one name would overwrite each other.
  const names = [resolved.signature, resolved.timestamp, resolved.id].filter((n) => n !== null);
  if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) {
    throw new HeaderNameError(`header names collide: ${names.join(', ')}`);
  }
  return resolved;
}

function checkName(name: string): string {
  if (!HEADER_NAME.test(name)) {
    throw new HeaderNameError(`invalid HTTP header name ${JSON.stringify(name)}`);
  }
  return name;
}
