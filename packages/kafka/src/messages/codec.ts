import type { z } from 'zod';

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Parses and validates a record value; never throws, so one bad record cannot stop a consumer. */
export function decodeJson<S extends z.ZodType>(schema: S, raw: Buffer | null): DecodeResult<z.output<S>> {
  if (raw === null || raw.length === 0) return { ok: false, reason: 'empty value' };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return { ok: false, reason: issues.join('; ').slice(0, 500) };
}
