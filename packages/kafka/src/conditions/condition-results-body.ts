import type { ConditionResult } from './compile-conditions.js';

/**
 * A webhook body with the evaluation added as its last field, `conditionResults`. The body is
 * compact JSON of an object (webhookBody), so the field goes before the closing brace: the
 * shared body is not parsed again, and the result still round-trips through
 * JSON.stringify(JSON.parse(body)) byte for byte.
 */
export function withConditionResults(body: string, results: readonly ConditionResult[]): string {
  return `${body.slice(0, -1)},"conditionResults":${JSON.stringify(results)}}`;
}
