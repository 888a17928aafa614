import type { z } from 'zod';

/** One problem found in an event, with the dotted path of the field it concerns. */
export interface ValidationIssue {
  /** e.g. `data.merchant.country`, `occurredAt`, or `envelope` for the top level. */
  readonly path: string;
  readonly message: string;
}

/**
 * Messages go into a Kafka header on the quarantine topic and into logs, so they are kept
 * under 500 characters; a few issues are enough to fix a producer, the rest are counted.
 */
export const MAX_REASON_MESSAGE_LENGTH = 500;
const MAX_ISSUES_IN_MESSAGE = 5;
const MAX_ISSUE_MESSAGE_LENGTH = 160; // an enum with 57 options would otherwise fill the header

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['data', 'items', 0, 'amount']` → `data.items[0].amount`; odd keys are quoted. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out === '' ? 'envelope' : out;
}

/**
 * zod's `Invalid input: expected number, received string` reads better without the preamble,
 * and a missing field is easier to spot as `required` than as `received undefined`.
 */
function issueText(issue: z.core.$ZodIssue): string {
  let text = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && text.endsWith(MISSING))
    text = `required (${text.slice(0, -MISSING.length)})`;
  return truncate(text.charAt(0).toLowerCase() + text.slice(1), MAX_ISSUE_MESSAGE_LENGTH);
}
const MISSING = ', received undefined';

/** zod issues → our issues, with paths under `root` (`''` for the envelope, `'data'` for data). */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[], root: string): ValidationIssue[] {
  return issues.map((issue) => ({ path: formatPath(root, issue.path), message: issueText(issue) }));
}

/** `data.amount: expected number, received string; occurredAt: …` within the length limit. */
export function summarizeIssues(issues: readonly ValidationIssue[]): string {
  const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => `${issue.path}: ${issue.message}`);
  const hidden = issues.length - shown.length;
  const text = shown.join('; ') + (hidden > 0 ? ` (+${hidden} more)` : '');
  return toHeaderText(text);
}

/** Control characters (from user-supplied keys or JSON errors) become spaces; then cap the length. */
export function toHeaderText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return truncate(text.replace(/[\u0000-\u001f\u007f]/g, ' '), MAX_REASON_MESSAGE_LENGTH);
}

/** Cuts to at most `max` UTF-16 units, ending in `…`, without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
