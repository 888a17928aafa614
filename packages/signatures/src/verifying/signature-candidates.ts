import { timingSafeEqual } from 'node:crypto';
import type { SignatureScheme } from '../core/schemes.js';
import { failure, type VerificationFailure } from './errors.js';

const SHAPE: Record<SignatureScheme['encoding'], RegExp> = {
  hex: /^[0-9a-fA-F]+$/,
  base64: /^[A-Za-z0-9+/]+={0,2}$/,
};

/**
 * The encoded digests a signature header offers, prefix removed.
 *
 * Multi-signature headers (Standard Webhooks) are space-separated `version,signature` entries; only
 * entries with this scheme's version count, others (`v1a,` asymmetric, future `v2,`) are skipped as
 * the specification asks. A header with no well-formed entry at all is malformed.
 * Single-signature headers must carry the prefix (`sha256=`) and look like the encoding.
 */
export function signatureCandidates(
  scheme: SignatureScheme,
  header: string,
  value: string,
): { ok: true; candidates: string[] } | VerificationFailure {
  if (scheme.multipleSignatures) {
    const candidates: string[] = [];
    let wellFormed = 0;
    for (const entry of value.split(' ')) {
      const comma = entry.indexOf(',');
      if (comma <= 0 || comma === entry.length - 1) continue;
      wellFormed += 1;
      if (entry.startsWith(scheme.signaturePrefix))
        candidates.push(entry.slice(scheme.signaturePrefix.length));
    }
    if (wellFormed === 0) {
      return failure('malformed_header', `the ${header} header has no "version,signature" entry`, header);
    }
    return { ok: true, candidates };
  }
  if (!value.startsWith(scheme.signaturePrefix)) {
    return failure(
      'malformed_header',
      `the ${header} header must start with "${scheme.signaturePrefix}"`,
      header,
    );
  }
  const digest = value.slice(scheme.signaturePrefix.length);
  if (!SHAPE[scheme.encoding].test(digest)) {
    return failure('malformed_header', `the ${header} header is not a ${scheme.encoding} signature`, header);
  }
  // We send lower-case hex; accept upper case from other implementations of the same scheme.
  return { ok: true, candidates: [scheme.encoding === 'hex' ? digest.toLowerCase() : digest] };
}

/**
 * Constant-time check of `expected` against each candidate. Lengths are compared first, which
 * reveals only the digest length, a public property of the scheme.
 */
export function anyMatches(expected: string, candidates: readonly string[]): boolean {
  const want = Buffer.from(expected, 'utf8');
  let matched = false;
  for (const candidate of candidates) {
    const offered = Buffer.from(candidate, 'utf8');
    // Every entry is checked (no early return), so timing does not tell which entry matched.
    if (offered.length === want.length && timingSafeEqual(offered, want)) matched = true;
  }
  return matched;
}
