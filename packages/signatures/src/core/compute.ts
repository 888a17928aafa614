import { createHmac, type KeyObject } from 'node:crypto';
import type { SignatureScheme } from './schemes.js';

/** The three things a scheme may sign, in the exact textual form they are signed in. */
export interface SignedFields {
  readonly id: string;
  /** Unix seconds in decimal, exactly as sent in the timestamp header. */
  readonly timestamp: string;
  /** The exact bytes sent; a string is taken as UTF-8. */
  readonly body: string | Uint8Array;
}

/**
 * The scheme's encoded HMAC digest of the signed content, without the header prefix
 * (`v1,`, `sha256=`). Signing and verification both go through here, so they cannot disagree.
 */
export function computeDigest(scheme: SignatureScheme, key: KeyObject, fields: SignedFields): string {
  const hmac = createHmac(scheme.algorithm, key);
  const head = signedHead(scheme, fields);
  if (typeof fields.body === 'string') {
    // One update of one string is as fast as any split (measured), and simplest.
    hmac.update(head + fields.body, 'utf8');
  } else {
    if (head.length > 0) hmac.update(head, 'utf8');
    hmac.update(fields.body);
  }
  return hmac.digest(scheme.encoding);
}

/** Everything signed before the body, with its trailing '.'; '' when only the body is signed. */
function signedHead(scheme: SignatureScheme, fields: SignedFields): string {
  let head = '';
  for (const part of scheme.signs) {
    if (part === 'body') break;
    head += `${fields[part]}.`;
  }
  return head;
}
